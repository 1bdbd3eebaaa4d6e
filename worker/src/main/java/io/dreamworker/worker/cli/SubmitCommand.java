package io.dreamworker.worker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.Decoded;
import io.dreamworker.schemas.EventCodec;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.ImageParams;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.Job;
import io.dreamworker.schemas.JobCodec;
import io.dreamworker.schemas.Scheduler;
import io.dreamworker.schemas.TextParams;
import io.dreamworker.worker.events.EventWatcher;
import io.dreamworker.worker.service.KafkaClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dreamworker submit}: sends one job to the jobs topic, from a JSON file or from flags, and
 * optionally waits for its completion event. The job is validated against the schemas before it is
 * sent, so a mistake is reported here rather than as a rejected event.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Send a job to the jobs topic and optionally wait for its completion event.",
        "Examples:",
        "  dreamworker submit --caption shapes.png --wait",
        "  dreamworker submit --prompt 'a small red circle at the top left on a white background' --max-images 1 --wait",
        "  dreamworker submit --file job.json --bootstrap-servers 127.0.0.1:9092"},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:sent (and, with --wait, succeeded)", "1:the job failed, was rejected, or no event came in time",
        "2:bad arguments or an invalid job"})
final class SubmitCommand implements Callable<Integer> {
  static final int JOB_UNSUCCESSFUL = 1;

  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers", defaultValue = "${env:DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka brokers (default: $DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = "dreamworker.jobs", description = "Jobs topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--events-topic", defaultValue = "dreamworker.events",
      description = "Events topic read by --wait (default: ${DEFAULT-VALUE}).")
  String eventsTopic;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "Extra Kafka client property, such as security.protocol=SASL_SSL (repeatable).")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--file", paramLabel = "FILE", description = "A job as JSON (see schemas/); - reads stdin.")
    String file;

    @Option(names = "--caption", paramLabel = "IMAGE", description = "Caption an image: a local file or s3://bucket/key.")
    String captionImage;

    @Option(names = "--prompt", paramLabel = "TEXT",
        description = "Interleaved generation from a prompt; with --max-images 1 and no --image, text-to-image.")
    String prompt;
  }

  @Option(names = "--job-id", description = "The job id (default: the file's, or a new random one).")
  String jobId;

  @Option(names = "--instruction", description = "Caption instruction (default: \"" + CaptionJob.DEFAULT_INSTRUCTION + "\").")
  String instruction = CaptionJob.DEFAULT_INSTRUCTION;

  @Option(names = "--image", paramLabel = "IMAGE",
      description = "Input image for <image> in the prompt, in order: a local file or s3://bucket/key (repeatable).")
  List<String> images = new ArrayList<>();

  @Option(names = "--max-images", description = "Images to generate at most, 0..16 (default: ${DEFAULT-VALUE}).")
  int maxImages = InterleavedJob.DEFAULT_MAX_IMAGES;

  @Option(names = "--max-new-tokens", description = "Text tokens at most (default: ${DEFAULT-VALUE}).")
  int maxNewTokens = TextParams.DEFAULTS.maxNewTokens();

  @Option(names = "--steps", description = "Denoising steps (default: ${DEFAULT-VALUE}).")
  int steps = ImageParams.DEFAULTS.steps();

  @Option(names = "--guidance-scale", description = "Classifier-free guidance (default: ${DEFAULT-VALUE}).")
  double guidanceScale = ImageParams.DEFAULTS.guidanceScale();

  @Option(names = "--seed", description = "Seed of text sampling and image noise (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scheduler", description = "default, ddpm, ddim or dpmpp_2m (default: ${DEFAULT-VALUE}).")
  String scheduler = Scheduler.DEFAULT.wireName();

  @Option(names = "--output-prefix", description = "Key prefix of the outputs (default: the worker's).")
  String outputPrefix;

  @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Echoed in the completion event (repeatable).")
  Map<String, String> metadata = new LinkedHashMap<>();

  @Option(names = "--wait", description = "Wait for the job's completion event and print it.")
  boolean waitForEvent;

  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long --wait waits, such as 90s or 10m (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    JobCodec codec = new JobCodec();
    Job job = job(codec);
    byte[] value = codec.encode(job);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KafkaClients clients = new KafkaClients(bootstrapServers, "dreamworker-submit", "consumer",
        "dreamworker-submit", kafkaProperties);
    EventCodec events = new EventCodec();
    try (EventWatcher watcher = waitForEvent ? EventWatcher.fromEnd(clients.reader(), events, eventsTopic) : null;
         KafkaProducer<byte[], byte[]> producer = clients.producer()) {
      var sent = producer.send(new ProducerRecord<>(topic, job.jobId().getBytes(StandardCharsets.UTF_8), value))
          .get(60, TimeUnit.SECONDS);
      err.printf("sent %s job %s to %s-%d@%d%n", job.type(), job.jobId(), sent.topic(), sent.partition(), sent.offset());
      if (watcher == null) {
        out.println(job.jobId());
        return 0;
      }
      CompletionEvent event;
      try {
        event = watcher.await(List.of(job.jobId()), timeout, e -> {}).get(job.jobId());
      } catch (TimeoutException e) {
        err.println("submit: " + e.getMessage() + "; is a worker consuming " + topic + "?");
        return JOB_UNSUCCESSFUL;
      }
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(mapper.readTree(events.encode(event))));
      return event.data().status() == CompletionEvent.Status.SUCCEEDED ? 0 : JOB_UNSUCCESSFUL;
    }
  }

  /** The job the arguments describe, validated. */
  Job job(JobCodec codec) throws IOException {
    if (source.file != null) {
      byte[] json = source.file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(source.file));
      return switch (codec.decode(json)) {
        case Decoded.Valid(Job job) -> job;
        case Decoded.Invalid invalid -> throw new IllegalArgumentException(source.file + " is not a valid job ("
            + invalid.error() + "): " + invalid.message());
      };
    }
    String id = jobId != null ? jobId : "job-" + UUID.randomUUID().toString().substring(0, 8);
    Optional<String> prefix = Optional.ofNullable(outputPrefix);
    TextParams text = new TextParams(maxNewTokens, 0, 0, 1, 1, seed);
    if (source.captionImage != null) {
      return new CaptionJob(id, image(source.captionImage), instruction, text, prefix, metadata);
    }
    List<ImageInput> inputs = new ArrayList<>();
    for (String image : images) {
      inputs.add(image(image));
    }
    String prompt = source.prompt;
    int slots = InterleavedJob.imageSlots(prompt);
    if (slots == 0 && !inputs.isEmpty()) {
      // A prompt without <image> takes the images first, the way a chat message shows them.
      prompt = (InterleavedJob.IMAGE_PLACEHOLDER + " ").repeat(inputs.size()) + prompt;
    }
    return new InterleavedJob(id, prompt, inputs, maxImages, text,
        new ImageParams(steps, guidanceScale, "", seed, Scheduler.of(scheduler), 0), prefix, metadata);
  }

  private static ImageInput image(String image) throws IOException {
    if (image.startsWith("s3://")) {
      return new ImageInput.S3Uri(image);
    }
    return ImageInput.Base64.of(Files.readAllBytes(Path.of(image)));
  }
}
