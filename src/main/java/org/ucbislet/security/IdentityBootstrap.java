package org.ucbislet.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.Groups;
import org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables;
import org.ucbislet.isletisolation.IsletIsolationVariables;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.safety.AdverseEventVariables;

/**
 * Creates, idempotently at every start, what access control needs: the 12 contract groups, their
 * authorizations (design.md section 4, enforced by the engine; adverse events are reported by the trial
 * coordinator, endocrinologists and transplant physicians), one Tasklist filter per clinical
 * group, and the users. In profile {@code demo} one demo user per group (user ID = group ID, password
 * {@code demo}) plus {@code demo}; in every other profile only the administrator named by
 * {@code UCBI_ADMIN_ID} / {@code UCBI_ADMIN_PASSWORD}, and start-up stops when they are missing.
 */
@Component
public class IdentityBootstrap extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);
  static final String DEMO_PASSWORD = "demo";
  static final String DEMO_ADMIN = "demo";
  /** The second demo member of the islet laboratory: the four-eyes release is never decided by who counted. */
  public static final String SECOND_ISLET_LAB_USER = "islet-lab-2";
  static final String MY_TASKS_FILTER = "My tasks";
  /** Tasklist lists filters by ascending priority and opens the first: the group's open work, then "My tasks". */
  static final int GROUP_FILTER_PRIORITY = 0;
  static final int MY_TASKS_PRIORITY = 10;
  /** "All permissions" in the permission type of the resource (some resources have their own enum). */
  private static final java.util.function.Function<Resource, Permission> ALL_OF = r -> {
    Permission[] all = org.camunda.bpm.engine.impl.util.ResourceTypeUtil.getPermissionsByResourceType(r.resourceType());
    for (Permission p : all) {
      if ("ALL".equals(p.getName())) {
        return p;
      }
    }
    return Permissions.ALL;
  };

  private final boolean demo;
  private final String adminId;
  private final String adminPassword;

  public IdentityBootstrap(Environment environment,
                           @Value("${ucbi.admin.id:}") String adminId,
                           @Value("${ucbi.admin.password:}") String adminPassword) {
    this.demo = environment.acceptsProfiles(Profiles.of("demo"));
    this.adminId = adminId == null ? "" : adminId.trim();
    this.adminPassword = adminPassword == null ? "" : adminPassword;
    if (!demo && (this.adminId.isEmpty() || this.adminPassword.isEmpty())) {
      throw new AdministratorNotConfiguredException("No administrator configured. Outside the demo profile the "
          + "application creates no user with a known password: UCBI_ADMIN_ID and UCBI_ADMIN_PASSWORD are required.",
          "Set the environment variables UCBI_ADMIN_ID and UCBI_ADMIN_PASSWORD (the first administrator, member of "
          + "camunda-admin; the password must meet the password policy), or run the demo profile.");
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    createGroups(engine.getIdentityService());
    grantAuthorizations(engine.getAuthorizationService());
    if (demo) {
      createDemoUsers(engine.getIdentityService());
    } else {
      createAdministrator(engine.getIdentityService());
    }
    createFilters(engine.getFilterService(), engine.getTaskService(), engine.getAuthorizationService());
  }

  private static void createGroups(IdentityService identity) {
    for (Groups g : Groups.values()) {
      if (identity.createGroupQuery().groupId(g.id()).count() == 0) {
        Group group = identity.newGroup(g.id());
        group.setName(g.label());
        group.setType(g == Groups.CAMUNDA_ADMIN ? "SYSTEM" : "WORKFLOW");
        identity.saveGroup(group);
      }
    }
  }

  private void createDemoUsers(IdentityService identity) {
    for (Groups g : Groups.values()) {
      if (g != Groups.CAMUNDA_ADMIN) {
        createUser(identity, g.id(), DEMO_PASSWORD, "Demo", g.label(), g.id());
      }
    }
    // a second islet laboratory member: the islet release is four-eyes (never the person who counted)
    createUser(identity, SECOND_ISLET_LAB_USER, DEMO_PASSWORD, "Demo", "Islet laboratory (second person)",
        Groups.ISLET_LAB.id());
    createUser(identity, DEMO_ADMIN, DEMO_PASSWORD, "Demo", "Administrator", Groups.CAMUNDA_ADMIN.id());
    LOG.info("Demo profile: demo users created (one per group, password 'demo'); never use this profile with real data");
  }

  private void createAdministrator(IdentityService identity) {
    if (identity.createUserQuery().userId(adminId).count() == 0) {
      PasswordPolicyResult policy = identity.checkPasswordAgainstPolicy(adminPassword);
      if (!policy.isValid()) {
        throw new AdministratorNotConfiguredException("UCBI_ADMIN_PASSWORD does not meet the password policy: "
            + policy.getViolatedRules().stream().map(r -> r.getPlaceholder().replace("PASSWORD_POLICY_", "")
                .toLowerCase(java.util.Locale.ROOT) + " " + r.getParameters()).toList(),
            "Choose an administrator password of at least 10 characters with upper and lower case letters, a digit "
                + "and a special character, and set it in UCBI_ADMIN_PASSWORD.");
      }
    }
    createUser(identity, adminId, adminPassword, "Trial", "Administrator", Groups.CAMUNDA_ADMIN.id());
    LOG.info("Administrator {} is a member of {}", adminId, Groups.CAMUNDA_ADMIN.id());
  }

  /** Creates the user when missing (an existing user keeps the password it has) and its membership. */
  private static void createUser(IdentityService identity, String id, String password, String first, String last, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setPassword(password);
      identity.saveUser(user);
    }
    if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
      identity.createMembership(id, group);
    }
  }

  /** What each group may do beyond its own tasks (task access comes from candidate groups). */
  static Map<Groups, Map<Resource, Map<String, Set<Permission>>>> grants() {
    Map<Groups, Map<Resource, Map<String, Set<Permission>>>> grants = new HashMap<>();
    for (Groups g : Groups.values()) {
      if (g.worksTasks()) {
        grant(grants, g, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // definitions are metadata, not patient data: Tasklist needs them to show forms and diagrams
        grant(grants, g, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
        grant(grants, g, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        grant(grants, g, Resources.DEPLOYMENT, ANY, Permissions.READ);
      }
    }
    grant(grants, Groups.TRIAL_COORDINATOR, Resources.PROCESS_DEFINITION, ProtocolVariables.PROCESS_KEY,
        Permissions.READ, Permissions.CREATE_INSTANCE);
    grant(grants, Groups.TRIAL_COORDINATOR, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    // the islet laboratory starts an isolation per donor pancreas (message PancreasOffered)
    grant(grants, Groups.ISLET_LAB, Resources.PROCESS_DEFINITION, IsletIsolationVariables.PROCESS_KEY,
        Permissions.READ, Permissions.CREATE_INSTANCE);
    grant(grants, Groups.ISLET_LAB, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    // design.md section 4: these three report adverse events (message AdverseEventReported or the start form), and a
    // death (message PatientDeceased or Tasklist's deathReport)
    for (Groups reporter : List.of(Groups.TRIAL_COORDINATOR, Groups.ENDOCRINOLOGIST, Groups.TRANSPLANT_PHYSICIAN)) {
      grant(grants, reporter, Resources.PROCESS_DEFINITION, AdverseEventVariables.PROCESS_KEY,
          Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(grants, reporter, Resources.PROCESS_DEFINITION, ProtocolVariables.DEATH_REPORT_PROCESS_KEY,
          Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(grants, reporter, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
    // the third-party laboratory's chimerism result, entered by the HLA laboratory or a transplant physician
    // (message ChimerismResultReceived or Tasklist's chimerismResult)
    for (Groups entering : List.of(Groups.HLA_LAB, Groups.TRANSPLANT_PHYSICIAN)) {
      grant(grants, entering, Resources.PROCESS_DEFINITION, CordBloodTransplantVariables.CHIMERISM_RESULT_PROCESS_KEY,
          Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(grants, entering, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
    // consent: the trial coordinator withdraws a child (message ConsentWithdrawn or Tasklist's consentWithdrawal)
    grant(grants, Groups.TRIAL_COORDINATOR, Resources.PROCESS_DEFINITION, ProtocolVariables.CONSENT_WITHDRAWAL_PROCESS_KEY,
        Permissions.READ, Permissions.CREATE_INSTANCE);

    // trial managers read everything in Cockpit and complete no task outside their own group
    Groups tm = Groups.TRIAL_MANAGER;
    grant(grants, tm, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(grants, tm, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
        Permissions.READ_HISTORY, Permissions.READ_TASK);
    grant(grants, tm, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(grants, tm, Resources.TASK, ANY, Permissions.READ);
    grant(grants, tm, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(grants, tm, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(grants, tm, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ);
    grant(grants, tm, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(grants, tm, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);

    // auditors read history (and definitions to make sense of it); they change nothing
    Groups au = Groups.AUDITOR;
    grant(grants, au, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    // ... and the running process instances, read-only, so that Cockpit's count of running instances (dashboard,
    // definition statistics) agrees with the instances the auditor can open (issue 19); tasks stay unreadable
    grant(grants, au, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY,
        Permissions.READ_INSTANCE);
    grant(grants, au, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(grants, au, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(grants, au, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(grants, au, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(grants, au, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ);
    grant(grants, au, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(grants, au, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);

    for (Resources r : Resources.values()) {
      grant(grants, Groups.CAMUNDA_ADMIN, r, ANY, ALL_OF.apply(r));
    }
    return grants;
  }

  private static void grant(Map<Groups, Map<Resource, Map<String, Set<Permission>>>> grants, Groups g,
                            Resource resource, String resourceId, Permission... permissions) {
    grants.computeIfAbsent(g, k -> new HashMap<>())
        .computeIfAbsent(resource, k -> new HashMap<>())
        .computeIfAbsent(resourceId, k -> new java.util.HashSet<>())
        .addAll(Arrays.asList(permissions));
  }

  private static void grantAuthorizations(AuthorizationService authorizations) {
    grants().forEach((group, byResource) -> byResource.forEach((resource, byId) -> byId.forEach((resourceId, permissions) ->
        ensureGrant(authorizations, group.id(), resource, resourceId, permissions.toArray(Permission[]::new)))));
    // the memberless group ProtocolEventMessageFilter lends to a checked ConsentWithdrawn, PatientDeceased or
    // AdverseEventReported request: delivering a message to a running protocol needs UPDATE_INSTANCE on it
    ensureGrant(authorizations, ProtocolEventMessageFilter.EVENT_SENDER_GROUP, Resources.PROCESS_DEFINITION,
        ProtocolVariables.PROCESS_KEY, Permissions.UPDATE_INSTANCE);
    // ... and a chimerism result (ChimerismResultReceived) to the child's stage 1
    ensureGrant(authorizations, ProtocolEventMessageFilter.EVENT_SENDER_GROUP, Resources.PROCESS_DEFINITION,
        CordBloodTransplantVariables.PROCESS_KEY, Permissions.UPDATE_INSTANCE);
  }

  /** Grants the permissions to the group on the resource (idempotent: adds only what is missing). */
  public static void ensureGrant(AuthorizationService authorizations, String groupId, Resource resource,
                                  String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization auth = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    if (existing == null) {
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission p : permissions) {
      if (!auth.isPermissionGranted(p)) {
        auth.addPermission(p);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(auth);
    }
  }

  private static void createFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
    Set<Groups> clinical = EnumSet.noneOf(Groups.class);
    for (Groups g : Groups.values()) {
      if (g.worksTasks()) {
        clinical.add(g);
        TaskQuery query = tasks.createTaskQuery().taskCandidateGroup(g.id()).includeAssignedTasks();
        // the group's filter comes first (lowest priority): Tasklist opens it at login, with its count
        String id = ensureFilter(filters, g.label() + " tasks", "Tasks of the " + g.id() + " group", query, GROUP_FILTER_PRIORITY);
        ensureFilterGrant(authorizations, id, g.id());
      }
    }
    // assignee ${currentUser()}: expressions are allowed in stored queries, not in ad hoc ones
    TaskQuery mine = tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}");
    String mineId = ensureFilter(filters, MY_TASKS_FILTER, "Tasks I have claimed", mine, MY_TASKS_PRIORITY);
    for (Groups g : clinical) {
      ensureFilterGrant(authorizations, mineId, g.id());
    }
  }

  private static String ensureFilter(FilterService filters, String name, String description, TaskQuery query, int priority) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    // Tasklist shows these variables on every task card: which child (or donor pancreas) a task is for, at a glance;
    // TaskCardPlugin puts them on each task
    properties.put("variables", List.of(Map.of("name", TaskCardPlugin.CARD_SUBJECT_ID, "label", "Subject ID"),
        Map.of("name", TaskCardPlugin.CARD_DONOR_ID, "label", "Donor ID")));
    Filter existing = filters.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      if (!properties.equals(existing.getProperties())) {
        existing.setProperties(properties); // a database from an earlier version gets the same cards
        filters.saveFilter(existing);
      }
      return existing.getId();
    }
    Filter filter = filters.newTaskFilter(name).setOwner(null).setProperties(properties).setQuery(query);
    filters.saveFilter(filter);
    return filter.getId();
  }

  private static void ensureFilterGrant(AuthorizationService authorizations, String filterId, String groupId) {
    ensureGrant(authorizations, groupId, Resources.FILTER, filterId, Permissions.READ);
  }
}
