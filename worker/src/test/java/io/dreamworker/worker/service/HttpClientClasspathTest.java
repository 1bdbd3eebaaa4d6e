package io.dreamworker.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpService;

/**
 * The AWS SDK makes some clients itself (STS for web-identity credentials, used by EKS pods and
 * MSK IAM), picking the HTTP implementation from the class path; with two it refuses to start. The
 * worker's own clients name theirs, but a dependency that brings another would break those.
 */
class HttpClientClasspathTest {
  @Test
  void classPath_holdsExactlyOneSyncHttpImplementation() {
    assertThat(ServiceLoader.load(SdkHttpService.class).stream().map(p -> p.type().getName()).toList())
        .containsExactly("software.amazon.awssdk.http.apache5.Apache5SdkHttpService");
  }
}
