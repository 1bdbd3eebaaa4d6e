package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.schemas.CompletionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputWriterTest {

  private final FakeS3 s3 = new FakeS3();
  private final RecordingListener listener = new RecordingListener();
  private final OutputWriter writer = new OutputWriter(s3, new S3Settings(Optional.of("us-east-1"), Optional.empty(),
      false, "out", "dw", Set.of(), 1024, new S3Settings.RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(2))),
      listener);
  private final GeneratedDocument story = new GeneratedDocument(List.of(
      new GeneratedDocument.Text("A red circle."),
      new GeneratedDocument.Image(TestImages.gradient(4, 4, 0)),
      new GeneratedDocument.Text("A blue square."),
      new GeneratedDocument.Image(TestImages.gradient(4, 4, 1))));

  @Test
  void document_writesImagesThenMarkdownThenJsonAndReturnsTheirUris() {
    OutputResult result = writer.write("story-1", Optional.empty(), story, Optional.empty());

    assertThat(result).isEqualTo(new OutputResult.Written(new CompletionEvent.Outputs(
        Optional.of("s3://out/dw/story-1/document.json"),
        List.of("s3://out/dw/story-1/img-0.png", "s3://out/dw/story-1/img-1.png"),
        Optional.of("s3://out/dw/story-1/document.md"))));
    assertThat(s3.calls()).containsExactly("PUT out/dw/story-1/img-0.png", "PUT out/dw/story-1/img-1.png",
        "PUT out/dw/story-1/document.md", "PUT out/dw/story-1/document.json");
    assertThat(listener.completions()).containsExactly("put:succeeded", "put:succeeded", "put:succeeded",
        "put:succeeded");
  }

  @Test
  void objects_haveTheirContentTypesAndContents() {
    writer.write("story-1", Optional.of("tenants/acme"), story, Optional.of(new CompletionEvent.Bundle("shapes", "2")));

    FakeS3.Stored png = s3.stored("out", "tenants/acme/story-1/img-1.png");
    assertThat(png.contentType()).isEqualTo("image/png");
    assertThat(png.bytes()).isEqualTo(PngEncoding.encode(TestImages.gradient(4, 4, 1)));
    FakeS3.Stored markdown = s3.stored("out", "tenants/acme/story-1/document.md");
    assertThat(markdown.contentType()).isEqualTo("text/markdown; charset=utf-8");
    assertThat(new String(markdown.bytes(), StandardCharsets.UTF_8)).contains("![image 1](img-1.png)");
    FakeS3.Stored json = s3.stored("out", "tenants/acme/story-1/document.json");
    assertThat(json.contentType()).isEqualTo("application/json");
    assertThat(new String(json.bytes(), StandardCharsets.UTF_8))
        .contains("\"bundle\":{\"name\":\"shapes\",\"version\":\"2\"}", "s3://out/tenants/acme/story-1/img-0.png");
  }

  @Test
  void sameJobTwice_writesTheSameKeys() {
    writer.write("again", Optional.empty(), story, Optional.empty());
    List<String> first = s3.calls();
    writer.write("again", Optional.empty(), story, Optional.empty());

    assertThat(s3.calls().subList(first.size(), s3.calls().size())).isEqualTo(first);
  }

  @Test
  void transientFailures_areRetriedAndCounted() {
    s3.failNext(FakeS3.Kind.PUT, TransientFailuresTest.answer(503, "SlowDown"), TransientFailuresTest.connectionRefused());

    OutputResult result = writer.write("story-1", Optional.empty(), story, Optional.empty());

    assertThat(result).isInstanceOf(OutputResult.Written.class);
    assertThat(s3.calls()).startsWith("PUT out/dw/story-1/img-0.png", "PUT out/dw/story-1/img-0.png",
        "PUT out/dw/story-1/img-0.png", "PUT out/dw/story-1/img-1.png");
    assertThat(listener.retries()).containsExactly("put#1:HTTP 503 SlowDown: the store says SlowDown",
        "put#2:SdkClientException: Unable to execute HTTP request: Connection refused");
  }

  @Test
  void storeDownForGood_failsAfterMaxAttemptsNamingTheObjectAndWritesNoDocument() {
    s3.failNext(FakeS3.Kind.PUT, TransientFailuresTest.answer(500, "InternalError"),
        TransientFailuresTest.answer(500, "InternalError"), TransientFailuresTest.answer(500, "InternalError"));

    OutputResult result = writer.write("story-1", Optional.empty(), story, Optional.empty());

    assertThat(result).isInstanceOfSatisfying(OutputResult.Failed.class, failed -> {
      assertThat(failed.location()).isEqualTo(new S3Location("out", "dw/story-1/img-0.png"));
      assertThat(failed.message()).contains("bucket out", "key dw/story-1/img-0.png", "after 3 attempts",
          "HTTP 500 InternalError");
      assertThat(failed.info().code()).isEqualTo("OUTPUT_WRITE_FAILED");
      assertThat(failed.status()).isEqualTo(CompletionEvent.Status.FAILED);
    });
    assertThat(s3.calls()).hasSize(3).allMatch(call -> call.endsWith("img-0.png"));
    assertThat(listener.completions()).containsExactly("put:failed");
  }

  @Test
  void refusedWrite_failsAtOnceWithoutRetries() {
    s3.failNext(FakeS3.Kind.PUT, TransientFailuresTest.answer(403, "AccessDenied"));

    OutputResult result = writer.write("story-1", Optional.empty(), story, Optional.empty());

    assertThat(result).isInstanceOfSatisfying(OutputResult.Failed.class,
        failed -> assertThat(failed.message()).contains("was refused: HTTP 403 AccessDenied"));
    assertThat(s3.calls()).hasSize(1);
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  void textOnlyDocument_writesNoImages() {
    OutputResult result = writer.write("t", Optional.empty(),
        new GeneratedDocument(List.of(new GeneratedDocument.Text("only words"))), Optional.empty());

    assertThat(result).isInstanceOfSatisfying(OutputResult.Written.class,
        written -> assertThat(written.outputs().images()).isEmpty());
    assertThat(s3.calls()).containsExactly("PUT out/dw/t/document.md", "PUT out/dw/t/document.json");
  }
}
