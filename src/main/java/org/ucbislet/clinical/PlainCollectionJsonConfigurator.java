package org.ucbislet.clinical;

import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.Collection;
import java.util.Map;
import org.camunda.spin.impl.json.jackson.format.AbstractJacksonJsonTypeDetector;
import org.camunda.spin.impl.json.jackson.format.JacksonJsonDataFormat;
import org.camunda.spin.impl.json.jackson.format.ListJacksonJsonTypeDetector;
import org.camunda.spin.spi.DataFormatConfigurator;

/**
 * Spin's JSON data format stores a collection or map variable under a plain java.util type name
 * ({@link PlainCollectionTypes}): a {@code List.of(...)} set by a delegate is stored as
 * {@code java.util.ArrayList<...>} and read back as an {@code ArrayList}, which the engine's deserialization allow-list
 * accepts. Registered through {@code META-INF/services/org.camunda.spin.spi.DataFormatConfigurator}, so it applies to
 * every engine with the Spin plugin (the application's and the process tests').
 */
public class PlainCollectionJsonConfigurator implements DataFormatConfigurator<JacksonJsonDataFormat> {

  @Override
  public Class<JacksonJsonDataFormat> getDataFormatClass() {
    return JacksonJsonDataFormat.class;
  }

  @Override
  public void configure(JacksonJsonDataFormat dataFormat) {
    dataFormat.addTypeDetector(new PlainCollectionTypeDetector());
  }

  /** Spin's own type name for a collection or map, with its java.util classes made plain. */
  static final class PlainCollectionTypeDetector extends AbstractJacksonJsonTypeDetector {

    private final ListJacksonJsonTypeDetector lists = new ListJacksonJsonTypeDetector();

    @Override
    public boolean canHandle(Object value) {
      return value instanceof Collection<?> || value instanceof Map<?, ?>;
    }

    @Override
    public String detectType(Object value) {
      String spinType = lists.canHandle(value) ? lists.detectType(value)
          : TypeFactory.defaultInstance().constructType(value.getClass()).toCanonical();
      return PlainCollectionTypes.plain(spinType);
    }
  }
}
