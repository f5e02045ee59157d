package io.mrk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;

/**
 * {@code --query}: a JMESPath expression (jmespath-jackson, the JMESPath specification's Java
 * implementation) applied to the command's result before it is printed, as the aws CLI does. The
 * expression is compiled before the command runs, so a malformed one costs no keystore unlock.
 * Only this class touches Jackson, so commands without {@code --query} never load it.
 */
final class Query {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Expression<JsonNode> expression;

  private Query(Expression<JsonNode> expression) {
    this.expression = expression;
  }

  /** Compiles {@code text}; a syntax error is the aws CLI's {@code Bad value for --query ...}. */
  static Query compile(String text) throws ParamError {
    try {
      return new Query(new JacksonRuntime().compile(text));
    } catch (JmesPathException e) {
      throw new ParamError("--query", "Invalid jmespath expression: " + e.getMessage());
    }
  }

  /** The expression's value over {@code result} (maps, lists, strings, numbers, booleans), in the same kinds. */
  Object search(Object result) throws ParamError {
    try {
      JsonNode found = expression.search(MAPPER.valueToTree(result));
      return found == null || found.isNull() ? null : MAPPER.treeToValue(found, Object.class);
    } catch (JmesPathException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ParamError("--query", "Invalid jmespath expression: " + e.getMessage());
    }
  }
}
