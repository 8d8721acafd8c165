package org.ucbislet.amendment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** Reading an amendment file: what a valid file gives, and every kind of mistake refused naming its field. */
class AmendmentFileTest {

  private static final String NAME = "amendments/2027-03-01-new-visit/amendment.json";

  private static Amendment parse(String json) {
    return AmendmentFile.parse(NAME, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static String valid(String plan) {
    return "{'id': '2027-03-01-new-visit', 'title': 'New visit', 'date': '2027-03-01', 'description': 'A visit',"
        + " 'reconsent': {'dueWithin': 'P14D', 'statement': 'A new visit.'},"
        + " 'processes': {'followUp': " + plan + "}}";
  }

  private static final String PLAN = "{'updateEventTriggers': true, 'mappings': [{'from': 'Task_A', 'to': 'Task_B',"
      + " 'updateEventTrigger': true, 'why': 'renamed'}], 'retired': [{'activity': 'Task_C', 'why': 'dropped'}],"
      + " 'variables': {'amendedVisit': true, 'visitCount': 3, 'label': 'x', 'ratio': 0.5},"
      + " 'whenCannotMove': {'rule': 'keep-child-on-old-version', 'reason': 'whole child'}}";

  @Test
  void validFileGivesTheAmendmentWithItsPlans() {
    Amendment a = parse(valid(PLAN));
    assertThat(a.id()).isEqualTo("2027-03-01-new-visit");
    assertThat(a.date()).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThat(a.reconsent().dueWithin()).isEqualTo(Period.ofDays(14));
    Amendment.ProcessPlan plan = a.plan("followUp");
    assertThat(plan.updateEventTriggers()).isTrue();
    assertThat(plan.mappingOf("Task_A").to()).isEqualTo("Task_B");
    assertThat(plan.mappingOf("Task_A").updateEventTrigger()).isTrue();
    assertThat(plan.isRetired("Task_C")).isTrue();
    assertThat(plan.variables()).containsEntry("amendedVisit", true).containsEntry("visitCount", 3)
        .containsEntry("label", "x").containsEntry("ratio", 0.5);
    assertThat(plan.whenCannotMove().rule()).isEqualTo(Amendment.Rule.KEEP_CHILD);
  }

  @Test
  void everyMistakeIsNamedByItsField() {
    String json = "{'id': '2027-03-02-other', 'title': '', 'date': '2027-3-1', 'extra': 1,"
        + " 'reconsent': {'dueWithin': '30 days'},"
        + " 'processes': {'followUp': {'mappings': [{'from': 'Task_A', 'to': 'Task_B'}, {'from': 'Task_A', 'to': 'Task_D', 'why': 'x'}],"
        + " 'retired': [{'activity': 'Task_A', 'why': 'x'}], 'variables': {'v': [1]},"
        + " 'whenCannotMove': {'rule': 'move-anyway'}}}}";
    assertThatThrownBy(() -> parse(json)).isInstanceOf(AmendmentFileException.class).satisfies(e -> {
      AmendmentFileException f = (AmendmentFileException) e;
      assertThat(f.field()).isEqualTo("extra");
      assertThat(f.problems()).contains(
          "extra: unknown field; expected one of date, description, id, processes, reconsent, title",
          "id: must equal the amendment's directory '2027-03-01-new-visit' (was '2027-03-02-other')",
          "title: must be a non-empty text",
          "date: must be an ISO date, yyyy-mm-dd (was '2027-3-1')",
          "description: is required",
          "reconsent.dueWithin: must be an ISO-8601 period such as P30D (was '30 days')",
          "reconsent.statement: is required",
          "processes.followUp.mappings[0].why: is required",
          "processes.followUp.mappings[1].from: 'Task_A' is mapped twice",
          "processes.followUp.retired[0].activity: 'Task_A' is mapped and retired at once",
          "processes.followUp.variables.v: must be a text, number or boolean",
          "processes.followUp.whenCannotMove.rule: must be keep-child-on-old-version or "
              + "leave-this-process-on-old-version (was 'move-anyway')",
          "processes.followUp.whenCannotMove.reason: is required");
    });
  }

  @Test
  void planWithoutRuleOrProcessesIsRefused() {
    assertThatThrownBy(() -> parse(valid("{}"))).hasMessageContaining(
        "processes.followUp.whenCannotMove: is required");
    assertThatThrownBy(() -> parse("{'id': '2027-03-01-new-visit', 'title': 't', 'date': '2027-03-01',"
        + " 'description': 'd', 'processes': {}}")).hasMessageContaining("processes: must name at least one changed process");
    assertThatThrownBy(() -> parse("not json")).hasMessageContaining("body: is not well-formed JSON");
  }
}
