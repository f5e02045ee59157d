package io.mrk.cli;

import picocli.CommandLine.Option;

/**
 * The aws CLI's global options, accepted before the command ({@code mrk --output text list-keys})
 * and after it ({@code mrk list-keys --output text}); a value after the command wins.
 */
final class AwsGlobalOptions {

  @Option(names = "--output", paramLabel = "json|text|table|yaml",
      description = "The formatting style of the output: json (default, or $AWS_DEFAULT_OUTPUT), text, table or yaml.")
  String output;

  @Option(names = "--query", paramLabel = "JMESPATH",
      description = "A JMESPath query to filter the output, e.g. KeyMetadata.KeyId.")
  String query;

  @Option(names = "--no-paginate",
      description = "Make one call and print that page with its NextMarker and Truncated, instead of every page.")
  boolean noPaginate;

  @Option(names = "--max-items", paramLabel = "N",
      description = "The total number of items to print; a NextToken then resumes with --starting-token.")
  Integer maxItems;

  @Option(names = "--page-size", paramLabel = "N",
      description = "The number of items per underlying call (list commands). Does not change what is printed.")
  Integer pageSize;

  @Option(names = "--starting-token", paramLabel = "TOKEN",
      description = "The NextToken of an earlier --max-items run: where to start.")
  String startingToken;

  @Option(names = "--cli-input-json", paramLabel = "JSON",
      description = "The request as JSON (or file://PATH), in the KMS API's member names; options on the command"
          + " line take precedence.")
  String cliInputJson;

  @Option(names = "--generate-cli-skeleton", arity = "0..1", fallbackValue = "input", paramLabel = "input",
      help = true, description = "Print a JSON skeleton of the command's input for --cli-input-json, and exit.")
  String generateCliSkeleton;

  @Option(names = "--debug", description = "Print debug lines (timings of each phase, the cause of an error) to stderr.")
  boolean debug;

  @Option(names = "--no-cli-pager", description = "Accepted as the aws CLI v2 accepts it; mrk never pages output.")
  boolean noCliPager;

  /** {@code later}'s value where it has one, else {@code earlier}'s. */
  static AwsGlobalOptions merge(AwsGlobalOptions earlier, AwsGlobalOptions later) {
    AwsGlobalOptions m = new AwsGlobalOptions();
    m.output = later.output != null ? later.output : earlier.output;
    m.query = later.query != null ? later.query : earlier.query;
    m.noPaginate = later.noPaginate || earlier.noPaginate;
    m.maxItems = later.maxItems != null ? later.maxItems : earlier.maxItems;
    m.pageSize = later.pageSize != null ? later.pageSize : earlier.pageSize;
    m.startingToken = later.startingToken != null ? later.startingToken : earlier.startingToken;
    m.generateCliSkeleton = later.generateCliSkeleton != null ? later.generateCliSkeleton : earlier.generateCliSkeleton;
    m.debug = later.debug || earlier.debug;
    return m;
  }
}
