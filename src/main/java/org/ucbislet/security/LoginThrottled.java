package org.ucbislet.security;

import java.time.Instant;

/**
 * A login throttle started (published as a Spring application event; the audit log records it): {@code scope} says
 * which counter ({@link LoginThrottle.Scope}), {@code account} the user ID tried (null for a client's counter),
 * {@code client} the client address (null for an account's counter over all clients), how many failed logins, and
 * until when further logins are refused. Never a password.
 */
public record LoginThrottled(LoginThrottle.Scope scope, String account, String client, int failures, Instant until) {
}
