package io.mrk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenerTest {

  @Test
  void forms() {
    Listener a = Listener.parse("us-east-1=127.0.0.1:8443");
    assertEquals("us-east-1", a.region().code());
    assertEquals(8443, a.address().getPort());
    assertTrue(a.address().getAddress().isLoopbackAddress());
    Listener b = Listener.parse("eu-west-1=0");
    assertTrue(b.address().getAddress().isLoopbackAddress(), "a bare port means loopback");
    assertEquals(0, b.address().getPort());
    Listener c = Listener.parse("ap-south-1=[::1]:9000");
    assertTrue(c.address().getAddress().isLoopbackAddress());
  }

  @Test
  void refusals() {
    for (String bad : new String[] {"us-east-1", "=127.0.0.1:1", "Mars=1", "us-east-1=127.0.0.1:x",
        "us-east-1=127.0.0.1:70000", "us-east-1=127.0.0.1:-1"}) {
      assertThrows(IllegalArgumentException.class, () -> Listener.parse(bad), bad);
    }
  }
}
