package io.dreamworker.model.shapes;

/**
 * Per-attribute accuracy over a set of expected scenes and what was read for them. Shape, colour, size
 * and position are counted per expected shape, background and {@code all} (the whole scene read back
 * exactly) per scene.
 */
public record AttributeAccuracy(int scenes, int shapes, double shape, double color, double size, double position,
    double background, double all) {
}
