package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3 (botocore) against {@code mrk serve} through the generated config file alone: the script
 * {@code boto3_scenario.py} runs the multi-Region scenario and checks every refusal came in one
 * attempt with status 400; this test checks the server saw each refusal once.
 */
class Boto3Test {

  @TempDir
  Path dir;

  @Test
  void multiRegionScenarioThroughTheConfigFile() throws Exception {
    ExternalTool.assumeRuns("boto3 is not installed for python3", "python3", "-c", "import boto3");
    Path script = dir.resolve("boto3_scenario.py");
    try (InputStream in = Boto3Test.class.getResourceAsStream("boto3_scenario.py")) {
      Files.copy(in, script);
    }
    try (ServerFixture f = ServerFixture.serve(dir)) {
      Path config = dir.resolve("aws-config");
      f.server.writeAwsConfig(config);
      Path credentials = dir.resolve("aws-credentials");
      StringBuilder creds = new StringBuilder();
      for (String profile : new String[] {"mrk-us-east-1", "mrk-eu-west-1"}) {
        creds.append('[').append(profile).append("]\naws_access_key_id = ").append(ServerFixture.ADMIN_KEY)
            .append("\naws_secret_access_key = ").append(ServerFixture.ADMIN_SECRET).append("\n\n");
      }
      Files.writeString(credentials, creds);
      Map<String, String> env = new HashMap<>();
      env.put("AWS_CONFIG_FILE", config.toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      for (String v : new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_REGION",
          "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_KMS"}) {
        env.put(v, null);
      }
      ExternalTool.Result r = ExternalTool.run(env, dir, "python3", script.toString());
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("OK"), r.out());
      assertEquals(1, f.server.refusalCount(US_EAST_1, "ReplicateKey", "AlreadyExistsException"));
      assertEquals(1, f.server.refusalCount(US_EAST_1, "ReplicateKey", "UnsupportedOperationException"));
      assertEquals(1, f.server.refusalCount(EU_WEST_1, "ReplicateKey", "UnsupportedOperationException"));
      assertEquals(1, f.server.refusalCount(EU_WEST_1, "Decrypt", "IncorrectKeyException"));
      assertEquals(1, f.server.refusalCount(EU_WEST_1, "Decrypt", "InvalidCiphertextException"));
      assertEquals(1, f.server.refusalCount(EU_WEST_1, "Decrypt", "AccessDeniedException"));
      assertEquals(1, f.server.refusalCount(EU_WEST_1, "ListKeys", "ValidationException"));
    }
  }
}
