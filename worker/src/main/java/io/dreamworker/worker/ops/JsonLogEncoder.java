package io.dreamworker.worker.ops;

import ch.qos.logback.classic.encoder.JsonEncoder;

/**
 * Logback's own JSON encoder with the fields a log pipeline wants, one object per line:
 * {@code timestamp} (epoch milliseconds), {@code level}, {@code threadName}, {@code loggerName},
 * {@code mdc} (job_id, topic, partition, offset, ...), {@code kvpList} (SLF4J key-value pairs),
 * {@code markers}, {@code message} (the template, which groups lines of one kind),
 * {@code formattedMessage} (the text), and {@code throwable} with its stack.
 *
 * <p>Left out: the logger context (the same on every line), a sequence number and nanoseconds
 * (the timestamp orders lines well enough), and the arguments (already in the text). A subclass
 * rather than settings in logback.xml, so that the file and any code that builds an appender
 * agree on the fields.
 */
public final class JsonLogEncoder extends JsonEncoder {
  public JsonLogEncoder() {
    setWithContext(false);
    setWithSequenceNumber(false);
    setWithNanoseconds(false);
    setWithArguments(false);
    setWithTimestamp(true);
    setWithLevel(true);
    setWithThreadName(true);
    setWithLoggerName(true);
    setWithMDC(true);
    setWithKVPList(true);
    setWithMarkers(true);
    setWithMessage(true);
    setWithFormattedMessage(true);
    setWithThrowable(true);
  }
}
