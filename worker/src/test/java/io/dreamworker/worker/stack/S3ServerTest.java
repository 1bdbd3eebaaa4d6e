package io.dreamworker.worker.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Against one real server for the whole class: a start costs a second or two. */
class S3ServerTest {
  private static final String BUCKET = "outputs";

  @TempDir static Path dir;
  static S3Server server;
  static S3Client client;

  @BeforeAll
  static void startServer() {
    server = S3Server.start(StackLib.fromSystemProperty(), dir.resolve("s3"));
    server.createBucket(BUCKET);
    client = server.newClient();
  }

  @AfterAll
  static void stopServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void putThenGet_returnsTheSameBytes() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
    client.putObject(b -> b.bucket(BUCKET).key("jobs/j1/img-0.png").contentType("image/png"), RequestBody.fromBytes(png));

    byte[] read = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("jobs/j1/img-0.png")).asByteArray();

    assertThat(read).isEqualTo(png);
    assertThat(server.dataDir().resolve(S3Server.BLOBS_DIR).resolve(BUCKET)).isDirectory();
  }

  @Test
  void rangedGet_returnsOnlyTheRange() {
    client.putObject(b -> b.bucket(BUCKET).key("digits.txt"), RequestBody.fromString("0123456789", StandardCharsets.UTF_8));

    var part = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits.txt").range("bytes=2-4"));

    assertThat(part.asUtf8String()).isEqualTo("234");
    assertThat(part.response().contentRange()).isEqualTo("bytes 2-4/10");
  }

  @Test
  void stoppedServer_failsRequests_andRestartedServesTheSameObjectsOnTheSamePort() {
    client.putObject(b -> b.bucket(BUCKET).key("kept.txt"), RequestBody.fromString("kept", StandardCharsets.UTF_8));
    URI endpoint = server.endpoint();

    server.stop();
    try {
      assertThat(server.isRunning()).isFalse();
      // Without retries: the SDK's own would only make the failure slower.
      try (S3Client once = server.clientBuilder()
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
        assertThatThrownBy(() -> once.getObjectAsBytes(b -> b.bucket(BUCKET).key("kept.txt")))
            .isInstanceOf(SdkClientException.class);
      }
    } finally {
      server.start();
    }

    assertThat(server.isRunning()).isTrue();
    assertThat(server.endpoint()).isEqualTo(endpoint);
    assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("kept.txt")).asUtf8String()).isEqualTo("kept");
  }

  @Test
  void requestSignedWithAnotherSecret_isRefused() {
    try (S3Client stranger = server.clientBuilder()
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKeyId(), "wrong")))
        .build()) {
      assertThatThrownBy(() -> stranger.listObjectsV2(b -> b.bucket(BUCKET)))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  @Test
  void createBucket_thatExists_failsNamingIt() {
    assertThatThrownBy(() -> server.createBucket(BUCKET))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("cannot create the bucket '" + BUCKET + "'")
        .hasMessageContaining(server.endpoint().toString());
  }
}
