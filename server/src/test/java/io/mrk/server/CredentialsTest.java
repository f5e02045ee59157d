package io.mrk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void readsEntriesAndNeverPrintsSecrets() throws Exception {
    Credentials c = Credentials.parse("[{\"accessKeyId\": \"AKIAEXAMPLE00001\", \"secretAccessKey\": \"s3cr3t-value\","
        + " \"principal\": \"arn:aws:iam::111122223333:role/app\"}]");
    assertEquals(1, c.size());
    Credentials.Entry e = c.find("AKIAEXAMPLE00001").orElseThrow();
    assertEquals("arn:aws:iam::111122223333:role/app", e.principal());
    assertFalse(e.toString().contains("s3cr3t"), e.toString());
    assertFalse(c.toString().contains("s3cr3t"), c.toString());
    assertTrue(c.find("AKIAOTHER0000001").isEmpty());
  }

  @Test
  void refusesWhatCannotBeRight() {
    String[] bad = {
        "{}",
        "[1]",
        "[{\"accessKeyId\": \"AKIA1\", \"secretAccessKey\": \"x\"}]",
        "[{\"accessKeyId\": \"A-B\", \"secretAccessKey\": \"x\", \"principal\": \"arn:aws:iam::111122223333:root\"}]",
        "[{\"accessKeyId\": \"AKIAEXAMPLE00001\", \"secretAccessKey\": \"x\", \"principal\": \"bob\"}]",
        "[{\"accessKeyId\": \"AKIAEXAMPLE00001\", \"secretAccessKey\": \"x\", \"principal\": \"arn:aws:iam::111122223333:root\"},"
            + " {\"accessKeyId\": \"AKIAEXAMPLE00001\", \"secretAccessKey\": \"y\", \"principal\": \"arn:aws:iam::111122223333:root\"}]",
        "not json",
    };
    for (String text : bad) {
      IOException e = assertThrows(IOException.class, () -> Credentials.parse(text), text);
      assertFalse(e.getMessage().contains("\"x\""), e.getMessage());
    }
  }
}
