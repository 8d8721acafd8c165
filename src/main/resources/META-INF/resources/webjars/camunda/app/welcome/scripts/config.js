/*
 * UCB + islet transplantation trial: the Welcome app, the page /camunda/app/ opens (README's first
 * address). It shows the trial's name in the header and the page title ("<vendor> <name>") and
 * links to Tasklist, Cockpit and Admin after login. The red Camunda 8 migration banner has no
 * config option in 7.24 (`isCommunityEdition` is hard-coded); ../styles/user-styles.css hides it.
 */
export default {
  app: {
    name: 'UCB-Islet trial',
    vendor: 'UCB + islet transplantation trial'
  }
};
