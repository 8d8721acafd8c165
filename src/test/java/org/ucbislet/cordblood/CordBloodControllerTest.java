package org.ucbislet.cordblood;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.ucbislet.config.ApiAccess;
import org.ucbislet.config.ApiProblemHandler;

/** While the inventory is loading at start-up, the search answers 503 problem+json "inventory loading" with Retry-After. */
class CordBloodControllerTest {

  @Test
  void searchWhileTheInventoryIsLoadingIs503() throws Exception {
    IdentityService identity = mock(IdentityService.class);
    when(identity.getCurrentAuthentication()).thenReturn(new Authentication("hla-lab", List.of("hla-lab")));
    CordBloodSearch search = new CordBloodSearch(new CordBloodInventory(), unit -> true, CordBloodSettings.defaults());
    CordBloodController controller = new CordBloodController(new ApiAccess(identity), search, null,
        CordBloodSettings.defaults(), new ObjectMapper());
    MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ApiProblemHandler()).build();

    mvc.perform(post("/api/cord-blood/search").contentType(MediaType.APPLICATION_JSON).content(CordBloodRestTest.DESIGN_REQUEST))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(jsonPath("$.status").value(503))
        .andExpect(jsonPath("$.title").value("Inventory loading"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("inventory loading: ")));
  }
}
