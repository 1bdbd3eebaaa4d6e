package io.dreamworker.worker.service;

import io.dreamworker.model.generation.Document;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Outputs;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.worker.processing.InputFetcher;
import io.dreamworker.worker.processing.JobFailure;
import io.dreamworker.worker.processing.OutputStore;
import io.dreamworker.worker.storage.GeneratedDocument;
import io.dreamworker.worker.storage.InputImages;
import io.dreamworker.worker.storage.InputResult;
import io.dreamworker.worker.storage.OutputResult;
import io.dreamworker.worker.storage.OutputWriter;
import java.util.Optional;

/**
 * Job processing's view of S3: storage's typed results turned into the failures that end a job.
 *
 * @param bundle recorded in each {@code document.json}
 */
record S3JobStorage(InputImages inputs, OutputWriter outputs, CompletionEvent.Bundle bundle)
    implements InputFetcher, OutputStore {

  @Override
  public byte[] fetch(ImageInput input) {
    return switch (inputs.resolve(input)) {
      case InputResult.Loaded<byte[]>(byte[] bytes) -> bytes;
      case InputResult.Failed<byte[]> failed -> throw JobFailure.of(failed.status(), failed.info(),
          failed.cause().orElse(null));
    };
  }

  @Override
  public Outputs write(String jobId, Optional<String> outputPrefix, Document document) {
    return switch (outputs.write(jobId, outputPrefix, GeneratedDocument.of(document), Optional.of(bundle))) {
      case OutputResult.Written written -> written.outputs();
      case OutputResult.Failed failed -> throw JobFailure.of(failed.status(), failed.info(), failed.cause());
    };
  }
}
