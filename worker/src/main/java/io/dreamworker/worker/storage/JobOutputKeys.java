package io.dreamworker.worker.storage;

/**
 * The objects of one job, all in one folder of the output bucket.
 *
 * @param bucket the output bucket
 * @param folder {@code {prefix}/{jobId}}, or {@code {jobId}} with an empty prefix; no leading or
 *     trailing slash
 */
public record JobOutputKeys(String bucket, String folder) {

  /** The document's file name in the folder. */
  public static final String DOCUMENT = "document.json";
  /** The readable document's file name in the folder. */
  public static final String MARKDOWN = "document.md";

  /** {@code {folder}/document.json}: the document's segments, with references to its images. */
  public S3Location document() {
    return new S3Location(bucket, folder + "/" + DOCUMENT);
  }

  /** {@code {folder}/document.md}: the document for a person, linking its images relatively. */
  public S3Location markdown() {
    return new S3Location(bucket, folder + "/" + MARKDOWN);
  }

  /** {@code {folder}/img-{n}.png}: the document's n-th image, from 0. */
  public S3Location image(int n) {
    return new S3Location(bucket, folder + "/" + imageFileName(n));
  }

  /** {@code img-{n}.png}: an image's name relative to the folder, as the markdown links it. */
  public static String imageFileName(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("image numbers start at 0, got " + n);
    }
    return "img-" + n + ".png";
  }
}
