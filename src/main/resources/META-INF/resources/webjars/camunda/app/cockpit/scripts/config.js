/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // UCB + islet transplantation trial: app name and vendor (the header and the page title show
  // "<vendor> <name>"). The red Camunda 8 migration banner has no config option in 7.24 (its
  // `isCommunityEdition` flag is hard-coded); ../styles/user-styles.css hides it.
  app: {
    name: 'UCB-Islet Cockpit',
    vendor: 'UCB + islet transplantation trial'
  },
  // Manual corrections (variables changed or deleted, instances cancelled) need a reason, which
  // the server records in the audit trail: this script asks for it (see the script's header).
  // Read-only roles (trial manager, auditor) see no edit or delete controls, and one sentence
  // saying who may correct a record (see the script's header).
  // The "Children" pages: every child and each child's whole record from the history (scripts/children.js).
  // The "Amendments" page: dry run and apply a protocol amendment (scripts/amendments.js, docs/amendments.md).
  customScripts: ['scripts/correction-reason.js', 'scripts/read-only.js', 'scripts/children.js', 'scripts/amendments.js'],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `cockpit` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // historicActivityInstanceMetrics: {
  //   adjustablePeriod: true,
  //   //select from the default time period: day, week, month, complete
  //   period: {
  //     unit: 'week'
  //   }
  // },
  // runtimeActivityInstanceMetrics: {
  //   display: true
  // },
  // 'locales': {
  //   'availableLocales': ['en', 'de'],
  //   'fallbackLocale': 'en'
  // },
  // Cancelling a process instance always runs its listeners and mappings: the engine refuses the skip flags
  // (org.ucbislet.security.ProtocolPathGuardPlugin, docs/security.md), so Cockpit neither offers nor sends them.
  skipCustomListeners: {
    default: false,
    hidden: true
  },
  skipIoMappings: {
    default: false,
    hidden: true
  },
  // cascade: {
  //   default: false
  // },
  // 'batchOperation' : {
  //   // select mode of query for process instances or decision instances
  //   // possible values: filter, search
  //   'mode': 'filter',
  //
  //   // select if Historic Batches should be loaded automatically when navigating to #/batch
  //   'autoLoadEnded': true
  // },
  // bpmnJs: {
  //   moddleExtensions: {
  //     // if you have a folder called 'my-custom-moddle' (in the 'cockpit' folder)
  //     // with a file called 'camunda.json' in it defining the 'camunda' moddle extension
  //     camunda: 'my-custom-moddle/camunda'
  //   },
  //   additionalModules: [
  //     // if you have a folder called 'my-custom-module' (in the 'cockpit' folder)
  //     // with a file called 'module.js' in it
  //     'my-custom-module/module'
  //   ],
  // },
  // defaultFilter: {
  //   historicProcessDefinitionInstancesSearch: {
  //     lastDays: 5,
  //     event: 'started'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // userOperationLogAnnotationLength: 5000,
  // previewHtml: true
};
