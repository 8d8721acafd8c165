package org.ucbislet.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ucbislet.protocol.ProtocolVariables;

/**
 * Identical enrolments of one subject sent at the same moment over REST (issue 15 item 2): each request on its own
 * thread and connection, all released together by one gate. Answers the HTTP responses in the order of the threads.
 */
public final class EnrolmentRace {

  private EnrolmentRace() {
  }

  /** Through the default engine's REST root {@code /engine-rest}. */
  public static List<EngineRest.Response> enrolAtOnce(EngineRest rest, String user, String password, String subjectId,
                                                      int requests) throws Exception {
    return enrolAtOnce(rest, "/engine-rest", user, password, subjectId, requests);
  }

  /** Through a REST root such as {@code /engine-rest/engine/<name>} of a named engine. */
  public static List<EngineRest.Response> enrolAtOnce(EngineRest rest, String restRoot, String user, String password,
                                                      String subjectId, int requests) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(requests);
    CountDownLatch ready = new CountDownLatch(requests);
    CountDownLatch go = new CountDownLatch(1);
    Map<String, Object> body = Map.of("businessKey", subjectId,
        "variables", EngineRest.typedVariables(EngineRest.referral(subjectId)));
    try {
      List<Future<EngineRest.Response>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        answers.add(threads.submit(() -> {
          ready.countDown();
          go.await();
          return rest.call("POST", restRoot + "/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/submit-form",
              user, password, body);
        }));
      }
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      List<EngineRest.Response> responses = new ArrayList<>();
      for (Future<EngineRest.Response> answer : answers) {
        responses.add(answer.get(120, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      threads.shutdownNow();
    }
  }
}
