package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.worker.stack.S3Server;
import io.dreamworker.worker.stack.StackLib;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * {@link InputImages} and {@link OutputWriter} against a real S3 server (s3proxy, a child process
 * on 127.0.0.1), through a client built by {@link S3ClientFactory}: one server for the class,
 * stopped and restarted by the tests that need S3 down.
 */
class S3StorageIntegrationTest {

  private static final String OUTPUTS = "outputs";
  private static final String INPUTS = "inputs";
  /** A bucket that exists but is not in the allowed list. */
  private static final String PRIVATE = "private";
  private static final long MAX_INPUT_BYTES = 64 * 1024;
  /** Enough attempts to outlast a server restart (seconds on a loaded machine), with short waits. */
  private static final S3Settings.RetrySettings PATIENT =
      new S3Settings.RetrySettings(S3Settings.RetrySettings.MAX_ATTEMPTS_LIMIT, Duration.ofMillis(50),
          Duration.ofMillis(500));
  /** Gives up within a fraction of a second. */
  private static final S3Settings.RetrySettings IMPATIENT =
      new S3Settings.RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(20));

  @TempDir static Path dir;
  static S3Server server;
  static S3Client s3;

  private final RecordingListener listener = new RecordingListener();

  @BeforeAll
  static void startServer() {
    server = S3Server.start(StackLib.fromSystemProperty(), dir.resolve("s3"));
    for (String bucket : List.of(OUTPUTS, INPUTS, PRIVATE)) {
      server.createBucket(bucket);
    }
    s3 = client(server);
  }

  @AfterAll
  static void stopServer() {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A test that stopped the server leaves it running for the next. */
  @AfterEach
  void serverRunning() {
    if (!server.isRunning()) {
      server.start();
    }
  }

  @Test
  void writtenDocument_isThereWithItsContentTypesAndItsImagesReadBackAsInputs() throws IOException {
    OutputWriter writer = new OutputWriter(s3, settings(PATIENT), listener);
    GeneratedDocument story = new GeneratedDocument(List.of(
        new GeneratedDocument.Text("A red circle."),
        new GeneratedDocument.Image(TestImages.gradient(32, 24, 9)),
        new GeneratedDocument.Text("A blue square.")));

    OutputResult result = writer.write("story-1", Optional.of("tenants/acme"), story,
        Optional.of(new CompletionEvent.Bundle("shapes", "1")));

    assertThat(result).isEqualTo(new OutputResult.Written(new CompletionEvent.Outputs(
        Optional.of("s3://outputs/tenants/acme/story-1/document.json"),
        List.of("s3://outputs/tenants/acme/story-1/img-0.png"),
        Optional.of("s3://outputs/tenants/acme/story-1/document.md"))));
    assertThat(head("tenants/acme/story-1/img-0.png").contentType()).isEqualTo("image/png");
    assertThat(head("tenants/acme/story-1/document.json").contentType()).isEqualTo("application/json");
    assertThat(head("tenants/acme/story-1/document.md").contentType()).isEqualTo("text/markdown; charset=utf-8");
    JsonNode json = new ObjectMapper().readTree(get("tenants/acme/story-1/document.json"));
    assertThat(json.at("/segments/1/uri").asText()).isEqualTo("s3://outputs/tenants/acme/story-1/img-0.png");
    assertThat(new String(get("tenants/acme/story-1/document.md"), StandardCharsets.UTF_8))
        .isEqualTo("A red circle.\n\n![image 0](img-0.png)\n\nA blue square.\n");
    assertThat(listener.completions()).containsExactly("put:succeeded", "put:succeeded", "put:succeeded");

    InputImages inputs = new InputImages(s3, settings(PATIENT, Set.of(OUTPUTS)), listener);
    InputResult<byte[]> image = inputs.resolve(new ImageInput.S3Uri("s3://outputs/tenants/acme/story-1/img-0.png"));
    assertThat(image).isInstanceOfSatisfying(InputResult.Loaded.class, loaded -> {
      BufferedImage decoded = decode((byte[]) loaded.value());
      assertThat(decoded.getWidth()).isEqualTo(32);
      assertThat(decoded.getRGB(5, 7) & 0xFFFFFF).isEqualTo(5 << 16 | 7 << 8 | 9);
    });
  }

  @Test
  void redoneJob_overwritesItsOwnObjects() {
    OutputWriter writer = new OutputWriter(s3, settings(PATIENT), listener);
    writer.write("redo", Optional.empty(), new GeneratedDocument(List.of(new GeneratedDocument.Text("first"))),
        Optional.empty());

    writer.write("redo", Optional.empty(), new GeneratedDocument(List.of(new GeneratedDocument.Text("second"))),
        Optional.empty());

    assertThat(new String(get("dw/redo/document.md"), StandardCharsets.UTF_8)).isEqualTo("second\n");
    assertThat(s3.listObjectsV2(b -> b.bucket(OUTPUTS).prefix("dw/redo/")).contents())
        .extracting(o -> o.key()).containsExactlyInAnyOrder("dw/redo/document.md", "dw/redo/document.json");
  }

  @Test
  void inputInAnAllowedBucket_isRead() {
    byte[] bytes = put(INPUTS, "cats/cat.png", 1000);

    InputResult<byte[]> result = inputs(PATIENT).resolve(new ImageInput.S3Uri("s3://inputs/cats/cat.png"));

    assertThat(result).isInstanceOfSatisfying(InputResult.Loaded.class,
        loaded -> assertThat((byte[]) loaded.value()).isEqualTo(bytes));
    assertThat(listener.completions()).containsExactly("get:succeeded");
  }

  @Test
  void inputInABucketNotAllowed_isRejectedWithoutARequest() {
    put(PRIVATE, "secret.png", 10);

    InputResult<byte[]> result = inputs(PATIENT).resolve(new ImageInput.S3Uri("s3://private/secret.png"));

    assertThat(result).isInstanceOfSatisfying(InputResult.Failed.class, failed -> {
      assertThat(failed.error()).isEqualTo(StorageError.INPUT_NOT_ALLOWED);
      assertThat(failed.message()).contains("'private'", "s3.allowed-input-buckets");
    });
    assertThat(listener.completions()).isEmpty();
  }

  @Test
  void missingInput_isNotFoundWithoutRetries() {
    InputResult<byte[]> result = inputs(PATIENT).resolve(new ImageInput.S3Uri("s3://inputs/no/such.png"));

    assertThat(result).isInstanceOfSatisfying(InputResult.Failed.class, failed -> {
      assertThat(failed.error()).isEqualTo(StorageError.INPUT_NOT_FOUND);
      assertThat(failed.message()).contains("s3://inputs/no/such.png does not exist", "HTTP 404");
    });
    assertThat(listener.retries()).isEmpty();
    assertThat(listener.completions()).containsExactly("get:rejected");
  }

  @Test
  void inputInAMissingAllowedBucket_isNotFound() {
    InputImages inputs = new InputImages(s3, settings(PATIENT, Set.of("gone")), listener);

    InputResult<byte[]> result = inputs.resolve(new ImageInput.S3Uri("s3://gone/cat.png"));

    assertThat(result).isInstanceOfSatisfying(InputResult.Failed.class,
        failed -> assertThat(failed.error()).isEqualTo(StorageError.INPUT_NOT_FOUND));
  }

  @Test
  void inputOverTheLimit_isTooLarge() {
    put(INPUTS, "huge.png", (int) MAX_INPUT_BYTES + 1);

    InputResult<byte[]> result = inputs(PATIENT).resolve(new ImageInput.S3Uri("s3://inputs/huge.png"));

    assertThat(result).isInstanceOfSatisfying(InputResult.Failed.class, failed -> {
      assertThat(failed.error()).isEqualTo(StorageError.INPUT_TOO_LARGE);
      assertThat(failed.message()).contains((MAX_INPUT_BYTES + 1) + " bytes");
    });
  }

  @Test
  void s3DownBriefly_writeIsRetriedUntilItIsBackThenSucceeds() throws Exception {
    OutputWriter writer = new OutputWriter(s3, settings(PATIENT), listener);
    server.stop();

    CompletableFuture<OutputResult> write = CompletableFuture.supplyAsync(() -> writer.write("outage-1",
        Optional.empty(), GeneratedDocument.ofImage(TestImages.gradient(8, 8, 1)), Optional.empty()));
    await().atMost(Duration.ofSeconds(30)).until(() -> !listener.retries().isEmpty());
    server.start();

    assertThat(write.get(2, TimeUnit.MINUTES)).isInstanceOf(OutputResult.Written.class);
    assertThat(listener.retries()).allMatch(retry -> retry.startsWith("put#"));
    assertThat(decode(get("dw/outage-1/img-0.png")).getWidth()).isEqualTo(8);
  }

  @Test
  void s3DownBriefly_inputIsRetriedUntilItIsBackThenRead() throws Exception {
    byte[] bytes = put(INPUTS, "outage/cat.png", 500);
    InputImages inputs = inputs(PATIENT);
    server.stop();

    CompletableFuture<InputResult<byte[]>> read = CompletableFuture.supplyAsync(
        () -> inputs.resolve(new ImageInput.S3Uri("s3://inputs/outage/cat.png")));
    await().atMost(Duration.ofSeconds(30)).until(() -> !listener.retries().isEmpty());
    server.start();

    assertThat(read.get(2, TimeUnit.MINUTES)).isInstanceOfSatisfying(InputResult.Loaded.class,
        loaded -> assertThat((byte[]) loaded.value()).isEqualTo(bytes));
  }

  @Test
  void s3DownForGood_writeFailsAfterMaxAttemptsNamingTheObject() {
    OutputWriter writer = new OutputWriter(s3, settings(IMPATIENT), listener);
    server.stop();

    OutputResult result = writer.write("lost-1", Optional.empty(),
        new GeneratedDocument(List.of(new GeneratedDocument.Text("never stored"))), Optional.empty());

    assertThat(result).isInstanceOfSatisfying(OutputResult.Failed.class, failed -> {
      assertThat(failed.info().code()).isEqualTo("OUTPUT_WRITE_FAILED");
      assertThat(failed.message()).contains("bucket outputs", "key dw/lost-1/document.md", "after 3 attempts");
    });
    assertThat(listener.retries()).hasSize(2);
    assertThat(listener.completions()).containsExactly("put:failed");
  }

  @Test
  void s3DownForGood_inputFailsAfterMaxAttempts() {
    InputImages inputs = inputs(IMPATIENT);
    server.stop();

    InputResult<byte[]> result = inputs.resolve(new ImageInput.S3Uri("s3://inputs/cats/cat.png"));

    assertThat(result).isInstanceOfSatisfying(InputResult.Failed.class, failed -> {
      assertThat(failed.error()).isEqualTo(StorageError.INPUT_FETCH_FAILED);
      assertThat(failed.status()).isEqualTo(CompletionEvent.Status.FAILED);
      assertThat(failed.message()).contains("s3://inputs/cats/cat.png", "after 3 attempts");
    });
    assertThat(listener.retries()).hasSize(2);
  }

  private InputImages inputs(S3Settings.RetrySettings retry) {
    return new InputImages(s3, settings(retry, Set.of(INPUTS)), listener);
  }

  private static S3Settings settings(S3Settings.RetrySettings retry) {
    return settings(retry, Set.of());
  }

  private static S3Settings settings(S3Settings.RetrySettings retry, Set<String> allowedInputs) {
    return new S3Settings(Optional.of(server.region()), Optional.of(server.endpoint()), true, OUTPUTS, "dw",
        allowedInputs, MAX_INPUT_BYTES, retry);
  }

  private static S3Client client(S3Server server) {
    return S3ClientFactory.create(settings(PATIENT), StaticCredentialsProvider.create(
        AwsBasicCredentials.create(server.accessKeyId(), server.secretAccessKey())));
  }

  /** Stores {@code size} patterned bytes and returns them. */
  private static byte[] put(String bucket, String key, int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31);
    }
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    return bytes;
  }

  private static byte[] get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(OUTPUTS).key(key)).asByteArray();
  }

  private static HeadObjectResponse head(String key) {
    return s3.headObject(b -> b.bucket(OUTPUTS).key(key));
  }

  private static BufferedImage decode(byte[] png) {
    try {
      return ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new AssertionError("not an image", e);
    }
  }
}
