package org.ucbislet.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
public class AdministratorNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<AdministratorNotConfiguredException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AdministratorNotConfiguredException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
