package org.steward.portal.signin.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JWTs made byte by byte, so that the header and claims are exactly what a test writes (aud as a string or a list, a
 * kid the provider lacks, alg none, HS256 keyed with a public key, an embedded jwk), then signed.
 */
final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        if (kid != null) {
            header.put("kid", kid);
        }
        header.put("typ", "JWT");
        return header;
    }

    /** Signed RS256 with this key; the header as given (its alg is left as the test wrote it). */
    static String rs256(RSAKey key, Map<String, Object> header, Map<String, Object> claims) {
        String input = part(header) + "." + part(claims);
        try {
            Base64URL signature = new RSASSASigner(key).sign(new JWSHeader(JWSAlgorithm.RS256),
                    input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed RS256 with this key, its kid in the header. */
    static String rs256(RSAKey key, Map<String, Object> claims) {
        return rs256(key, header("RS256", key.getKeyID()), claims);
    }

    /** HMAC-SHA256 keyed with these bytes (the provider's public key, for the classic algorithm confusion). */
    static String hs256(byte[] secret, Map<String, Object> header, Map<String, Object> claims) {
        String input = part(header) + "." + part(claims);
        try {
            Base64URL signature = new MACSigner(secret).sign(new JWSHeader(JWSAlgorithm.HS256),
                    input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unsigned: {"alg":"none"} and an empty signature. */
    static String none(Map<String, Object> claims) {
        return part(header("none", null)) + "." + part(claims) + ".";
    }

    static String part(Map<String, Object> json) {
        try {
            return Base64URL.encode(JSON.writeValueAsBytes(json)).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a JWT, unverified. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> claimsOf(String jwt) {
        try {
            return JSON.readValue(new Base64URL(jwt.split("\\.")[1]).decode(), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
