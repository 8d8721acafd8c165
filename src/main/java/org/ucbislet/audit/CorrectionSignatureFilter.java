package org.ucbislet.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries the electronic signature of a manual correction (the requests {@link CorrectionReasonFilter} recognises)
 * from headers {@value SignatureFields#HEADER_USER_ID} and {@value SignatureFields#HEADER_PASSWORD} (UTF-8,
 * percent-encoded as encodeURIComponent does) to the engine, which checks it when the correction changes something
 * and refuses the correction without it. Any other request is passed on untouched.
 */
public class CorrectionSignatureFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (CorrectionReasonFilter.correction(request.getMethod(), request.getRequestURI()) == null) {
      chain.doFilter(request, response);
      return;
    }
    CorrectionSignature.begin(new CorrectionSignature(decode(request.getHeader(SignatureFields.HEADER_USER_ID)),
        decode(request.getHeader(SignatureFields.HEADER_PASSWORD))));
    try {
      chain.doFilter(request, response);
    } finally {
      CorrectionSignature.end();
    }
  }

  private static String decode(String header) {
    if (header == null) {
      return null;
    }
    try {
      return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
