package org.ucbislet.protocol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One active protocol per child, guaranteed by the database (issue 15 item 2). Table {@code UCBI_ENROLMENT} holds one
 * row per enrolment ({@code ucbIsletProtocol} instance); its column {@code ACTIVE_SUBJECT_ID} equals the subject ID
 * while the protocol runs and is NULL once it ended, under a UNIQUE constraint (NULLs do not collide, on H2 and
 * PostgreSQL alike). The row is inserted by the enrolment's own transaction, through the engine's connection: of any
 * number of concurrent enrolments of one subject, the database lets exactly one commit; the others wait for its commit
 * and fail on the key, and answer HTTP 409 ({@link SubjectAlreadyEnrolledException}). The row also keeps the link of a
 * re-screening to the earlier attempt and its reason.
 *
 * <p>A built-in end listener of the process (one that {@code skipCustomListeners} cannot skip) clears the active key
 * when the protocol ends, whatever ends it. Protocols that ran before this table existed are registered at start-up.
 */
@Component
public class EnrolmentRegistry extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(EnrolmentRegistry.class);

  static final String TABLE = "UCBI_ENROLMENT";
  /** SQLSTATE of a unique key violation (H2 and PostgreSQL). */
  private static final String UNIQUE_VIOLATION = "23505";
  /** SQLSTATE of H2's lock timeout: another enrolment of the subject held the key too long. */
  private static final String LOCK_TIMEOUT = "HYT00";

  /** DDL valid on H2 2.x and PostgreSQL 12+. */
  static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "PROC_INST_ID VARCHAR(64) NOT NULL PRIMARY KEY, "
          + "SUBJECT_ID VARCHAR(64) NOT NULL, "
          + "ACTIVE_SUBJECT_ID VARCHAR(64), "
          + "ENROLLED_AT TIMESTAMP NOT NULL, "
          + "ENROLLED_BY VARCHAR(255), "
          + "PREVIOUS_PROC_INST_ID VARCHAR(64), "
          + "RESCREENING_REASON VARCHAR(2000), "
          + "ENDED_AT TIMESTAMP, "
          + "CONSTRAINT UCBI_ENROLMENT_ONE_ACTIVE UNIQUE (ACTIVE_SUBJECT_ID))",
      "CREATE INDEX IF NOT EXISTS UCBI_ENROLMENT_SUBJECT ON " + TABLE + " (SUBJECT_ID)");

  /** An enrolment to register: the new protocol instance, and for a re-screening the earlier one and why. */
  public record Enrolment(String processInstanceId, String subjectId, String enrolledBy, String previousProcessInstanceId,
                          String rescreeningReason) {
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (ProtocolVariables.PROCESS_KEY.equals(processDefinition.getKey())) {
          processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) EnrolmentRegistry::ended);
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    try (Connection connection = configuration.getDataSource().getConnection(); Statement statement = connection.createStatement()) {
      for (String ddl : SCHEMA) {
        statement.execute(ddl);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot create table " + TABLE + ": " + e.getMessage(), e);
    }
  }

  /** Registers the protocols that were running before the table existed (or before an upgrade). */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    List<ProcessInstance> running = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).list();
    try (Connection connection = dataSource.getConnection()) {
      for (ProcessInstance protocol : running) {
        if (protocol.getBusinessKey() == null || exists(connection, protocol.getId())) {
          continue;
        }
        try {
          insert(connection, new Enrolment(protocol.getId(), protocol.getBusinessKey(), null, null, null));
          if (!connection.getAutoCommit()) {
            connection.commit();
          }
        } catch (SQLException e) {
          if (!connection.getAutoCommit()) {
            connection.rollback();
          }
          LOG.warn("Subject {} has more than one running protocol (instance {} not registered as active): "
              + "an administrator must cancel all but one", protocol.getBusinessKey(), protocol.getId());
        }
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot register running protocols in " + TABLE + ": " + e.getMessage(), e);
    }
  }

  /**
   * Inside the enrolling command: registers the enrolment as the subject's active protocol, or throws
   * {@link SubjectAlreadyEnrolledException} when another one is active (committed or concurrently being committed).
   */
  public static void register(Enrolment enrolment) {
    Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
    try {
      releaseStale(connection, enrolment.subjectId());
      insert(connection, enrolment);
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState()) || LOCK_TIMEOUT.equals(e.getSQLState())) {
        throw new SubjectAlreadyEnrolledException(enrolment.subjectId() + " is already enrolled: another enrolment of "
            + "this subject ID was accepted at the same moment. A child has one protocol at a time.");
      }
      throw new ProcessEngineException("Cannot register the enrolment of " + enrolment.subjectId() + ": " + e.getMessage(), e);
    }
  }

  /** The protocol instance ended (any end, including a cancellation): the subject has no active protocol. */
  static void ended(DelegateExecution execution) {
    if (!execution.getId().equals(execution.getProcessInstanceId())) {
      return;
    }
    Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE " + TABLE + " SET ACTIVE_SUBJECT_ID = NULL, ENDED_AT = ? WHERE PROC_INST_ID = ?")) {
      update.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
      update.setString(2, execution.getProcessInstanceId());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot record the end of protocol " + execution.getProcessInstanceId() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * An active row whose protocol instance no longer exists (for example removed with its deployment) blocks nobody.
   * Rows of running or concurrently starting protocols are not touched: their instance row exists or theirs is not
   * yet visible.
   */
  private static void releaseStale(Connection connection, String subjectId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET ACTIVE_SUBJECT_ID = NULL "
        + "WHERE ACTIVE_SUBJECT_ID = ? AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXECUTION E WHERE E.ID_ = " + TABLE
        + ".PROC_INST_ID)")) {
      update.setString(1, subjectId);
      int released = update.executeUpdate();
      if (released > 0) {
        LOG.info("Subject {}: released an active enrolment whose protocol instance no longer exists", subjectId);
      }
    }
  }

  private static void insert(Connection connection, Enrolment enrolment) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (PROC_INST_ID, SUBJECT_ID, "
        + "ACTIVE_SUBJECT_ID, ENROLLED_AT, ENROLLED_BY, PREVIOUS_PROC_INST_ID, RESCREENING_REASON) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, enrolment.processInstanceId());
      insert.setString(2, enrolment.subjectId());
      insert.setString(3, enrolment.subjectId());
      insert.setTimestamp(4, new Timestamp(ClockUtil.getCurrentTime().getTime()));
      insert.setString(5, enrolment.enrolledBy());
      insert.setString(6, enrolment.previousProcessInstanceId());
      insert.setString(7, enrolment.rescreeningReason());
      insert.executeUpdate();
    }
  }

  private static boolean exists(Connection connection, String processInstanceId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE PROC_INST_ID = ?")) {
      query.setString(1, processInstanceId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
