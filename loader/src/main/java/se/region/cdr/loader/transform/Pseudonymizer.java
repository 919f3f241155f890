package se.region.cdr.loader.transform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a subject identity (personal identity number, patient id) into a pseudonym: HMAC-SHA256
 * under the region's key, as 64 lower-case hex digits. The same identity and key always give the
 * same pseudonym; without the key the identity cannot be recovered or re-derived. A 12-digit
 * personal identity number written with a hyphen (YYYYMMDD-NNNN) is taken without it, so both
 * spellings give one pseudonym; other identities are only trimmed.
 */
public final class Pseudonymizer {
  /** Shortest key accepted (characters). */
  public static final int MIN_KEY_LENGTH = 16;
  private static final Pattern PNR_WITH_HYPHEN = Pattern.compile("\\d{8}-\\d{4}");

  private final ThreadLocal<Mac> mac;

  public Pseudonymizer(String key) {
    if (key == null || key.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException("The pseudonym key must have at least " + MIN_KEY_LENGTH + " characters");
    }
    SecretKeySpec spec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(spec);
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    });
  }

  public String pseudonym(String identity) {
    String normalized = identity.trim();
    if (PNR_WITH_HYPHEN.matcher(normalized).matches()) {
      normalized = normalized.replace("-", "");
    }
    return HexFormat.of().formatHex(mac.get().doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
  }
}
