package se.region.cdr.loader;

import java.util.Map;

/**
 * Loader configuration from the environment (each variable with a system-property twin, as
 * {@code CdrConfig}): {@code CDR_PSEUDONYM_KEY} (cdr.pseudonym.key), the regional HMAC key that
 * turns identities into pseudonyms. Without it, no subject-bearing input is loaded.
 */
public record LoaderSettings(String pseudonymKey) {
  /** The key the test suites use; never use it for real data. */
  public static final String TEST_KEY = "cdr-test-pseudonym-key-not-for-production";

  public static LoaderSettings fromEnvironment() {
    return from(System.getenv());
  }

  public static LoaderSettings from(Map<String, String> env) {
    String key = System.getProperty("cdr.pseudonym.key");
    if (key == null || key.isBlank()) {
      key = env.get("CDR_PSEUDONYM_KEY");
    }
    return new LoaderSettings(key == null || key.isBlank() ? null : key);
  }
}
