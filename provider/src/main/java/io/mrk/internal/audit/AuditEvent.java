package io.mrk.internal.audit;

import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened, as the caller reports it to {@link AuditTrail#record}: the content of a
 * CloudTrail record except the time, event id and chain fields, which the writer adds.
 *
 * <p>Parameter maps hold only JSON values (String, Boolean, Number, null, List and Map with String
 * keys); byte and char arrays are refused so that key material or plaintext cannot be logged by
 * accident. It remains the caller's duty to put only key ids, encryption contexts and other
 * non-secret parameters here (CloudTrail logs the encryption context: it is not secret).
 *
 * @param eventName the KMS operation ({@code Encrypt}, {@code CreateKey}, ...) or service event name
 * @param region the Region whose log receives the event
 * @param eventType {@code AwsApiCall} or {@code AwsServiceEvent}
 * @param requestParameters may be {@code null}
 * @param responseElements may be {@code null}
 * @param additionalEventData may be {@code null}
 * @param resources the keys involved, in this Region
 * @param errorCode the KMS error name when refused, else {@code null}
 * @param errorMessage the error message when refused, else {@code null}
 */
public record AuditEvent(String eventName, Region region, AuditIdentity userIdentity, String eventType,
                         boolean readOnly, Map<String, Object> requestParameters,
                         Map<String, Object> responseElements, Map<String, Object> additionalEventData,
                         List<Arn> resources, String errorCode, String errorMessage) {

  public static final String API_CALL = "AwsApiCall";
  public static final String SERVICE_EVENT = "AwsServiceEvent";

  public AuditEvent {
    if (eventName == null || eventName.isEmpty() || region == null || userIdentity == null) {
      throw new IllegalArgumentException("an event has a name, a Region and an identity");
    }
    if (!API_CALL.equals(eventType) && !SERVICE_EVENT.equals(eventType)) {
      throw new IllegalArgumentException("eventType must be AwsApiCall or AwsServiceEvent");
    }
    if ((errorCode == null) != (errorMessage == null)) {
      throw new IllegalArgumentException("errorCode and errorMessage come together");
    }
    requestParameters = jsonObject(requestParameters, "requestParameters");
    responseElements = jsonObject(responseElements, "responseElements");
    additionalEventData = jsonObject(additionalEventData, "additionalEventData");
    resources = List.copyOf(resources == null ? List.of() : resources);
  }

  /** A successful API call. */
  public static AuditEvent succeeded(String eventName, Region region, AuditIdentity who, boolean readOnly,
                                     Map<String, Object> requestParameters,
                                     Map<String, Object> responseElements, List<Arn> resources) {
    return new AuditEvent(eventName, region, who, API_CALL, readOnly, requestParameters, responseElements,
        null, resources, null, null);
  }

  /** An API call KMS refused with {@code error}; CloudTrail records refusals too. */
  public static AuditEvent failed(String eventName, Region region, AuditIdentity who, boolean readOnly,
                                  Map<String, Object> requestParameters, List<Arn> resources,
                                  KmsException error) {
    return new AuditEvent(eventName, region, who, API_CALL, readOnly, requestParameters, null, null,
        resources, error.errorName(), error.getMessage());
  }

  /** An event KMS itself produced, such as {@code SynchronizeMultiRegionKey}. */
  public static AuditEvent serviceEvent(String eventName, Region region, Map<String, Object> additionalEventData,
                                        List<Arn> resources) {
    return new AuditEvent(eventName, region, AuditIdentity.KMS_SERVICE, SERVICE_EVENT, false, null, null,
        additionalEventData, resources, null, null);
  }

  private static Map<String, Object> jsonObject(Map<String, Object> map, String path) {
    if (map == null) {
      return null;
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException(path + " has a null key");
      }
      copy.put(e.getKey(), jsonValue(e.getValue(), path + "." + e.getKey()));
    }
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object jsonValue(Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!(key instanceof String)) {
          throw new IllegalArgumentException(path + " has a non-string key");
        }
      }
      return jsonObject((Map<String, Object>) map, path);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(jsonValue(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(path + ": " + value.getClass().getSimpleName()
        + " is not a loggable JSON value (byte and char arrays are refused: never log key material)");
  }
}
