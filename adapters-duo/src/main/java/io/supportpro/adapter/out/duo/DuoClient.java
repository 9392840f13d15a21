package io.supportpro.adapter.out.duo;

import com.duosecurity.Client;
import com.duosecurity.exception.DuoException;
import com.duosecurity.service.DuoConnector;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The SDK's client, with Duo's HTTP error answers surfacing as a {@link DuoHttpError} that carries
 * the status. Without it a 429 and a 503 look alike, and only the status tells an outage (where the
 * fail mode may apply) from a refusal (where it never does).
 */
final class DuoClient extends Client {
  /** How much of an error answer's body is kept: enough for Duo's error code and message. */
  static final int MAX_ERROR_BODY = 2_048;

  /**
   * Builds the client as {@code Client.Builder} would, then replaces its connector with one whose
   * HTTP client reports error statuses.
   *
   * @param pins the certificate pins to use; never empty, since an empty list would pin nothing
   */
  // The deprecated constructor is the SDK's only way to make a subclass; it delegates to
  // Client.Builder with the same arguments.
  @SuppressWarnings("deprecation")
  DuoClient(
      String clientId,
      String clientSecret,
      String apiHost,
      String redirectUri,
      String proxyHost,
      Integer proxyPort,
      String[] pins)
      throws DuoException {
    super(clientId, clientSecret, apiHost, redirectUri, proxyHost, proxyPort, pins);
    if (pins.length == 0) {
      throw new IllegalArgumentException("At least one certificate pin is needed.");
    }
    duoConnector = new StatusConnector(apiHost, proxyHost, proxyPort, pins);
  }

  /** The SDK's connector (pinning, proxy, JSON) over an HTTP client with one more interceptor. */
  private static final class StatusConnector extends DuoConnector {
    StatusConnector(String apiHost, String proxyHost, Integer proxyPort, String[] pins)
        throws DuoException {
      super(apiHost, proxyHost, proxyPort, pins);
      OkHttpClient http =
          ((OkHttpClient) retrofit.callFactory())
              .newBuilder()
              .addInterceptor(DuoClient::refuseErrorStatus)
              .build();
      retrofit = retrofit.newBuilder().client(http).build();
    }
  }

  private static Response refuseErrorStatus(Interceptor.Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      throw new DuoHttpError(response.code(), response.peekBody(MAX_ERROR_BODY).string());
    }
  }
}
