package se.region.cdr.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The query classes of BENCHMARK.md: their AQL, how a run draws its random parameters from the
 * corpus and what the manifest says it must return, and how its result is checked. Q9 is a REST
 * call ({@code GET /ehr?subject_id=..}), not AQL.
 */
enum QueryClass {
  Q1("one patient: latest vitals", QueryTexts.Q1_LATEST_VITALS, "ehr_id: a random corpus EHR") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      int ehr = random.nextInt(expected.ehrs());
      return new QueryCase(
          this,
          ehr,
          Map.of(),
          expected.latestVitalsRows(),
          text(expected.latestBloodPressure(ehr)));
    }

    @Override
    Outcome check(QueryCase run, AqlResult result) {
      return ResultChecks.latestFirst(run, result, 0, run.detail());
    }
  },
  Q2(
      "one patient: composition index",
      QueryTexts.Q2_COMPOSITION_INDEX,
      "ehr_id: a random corpus EHR") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      int ehr = random.nextInt(expected.ehrs());
      ObjectNode detail = JsonNodeFactory.instance.objectNode();
      detail.set("latest", text(expected.latestComposition(ehr)));
      ObjectNode byTemplate = detail.putObject("byTemplate");
      expected.compositionsPerEhrByTemplate().forEach(byTemplate::put);
      return new QueryCase(this, ehr, Map.of(), expected.compositionsPerEhr(), detail);
    }

    @Override
    Outcome check(QueryCase run, AqlResult result) {
      Outcome latest = ResultChecks.latestFirst(run, result, 2, run.detail().path("latest"));
      return latest.ok()
          ? ResultChecks.templateCounts(result, 1, run.detail().path("byTemplate"))
          : latest;
    }
  },
  Q3a("population count: systolic >= 180", QueryTexts.Q3A_SYSTOLIC_180, "none") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      return population(this, Map.of(), expected.systolicAtLeast180());
    }
  },
  Q3b("population count: systolic >= 140", QueryTexts.Q3B_SYSTOLIC_140, "none") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      return population(this, Map.of(), expected.systolicAtLeast140());
    }
  },
  Q4a(
      "population count: a rare ICD-10 code",
      QueryTexts.Q4_DIAGNOSIS,
      "code: one of the 20 rare codes") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      List<String> codes = expected.rareCodes();
      String code = codes.get(random.nextInt(codes.size()));
      return population(this, Map.of("code", code), expected.ehrsWithRareCode(code));
    }
  },
  Q4b("population count: E11", QueryTexts.Q4_DIAGNOSIS, "code: E11") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      return population(this, Map.of("code", "E11"), expected.ehrsWithE11());
    }
  },
  Q5("cohort: E11 and an HbA1c > 48", QueryTexts.Q5_E11_AND_HBA1C, "none") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      return population(this, Map.of(), expected.ehrsWithE11AndHba1cAbove48());
    }
  },
  Q6("ward list: systolic > 130, latest 50", QueryTexts.Q6_WARD_LIST, "none") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      ArrayNode times = JsonNodeFactory.instance.arrayNode();
      expected.wardListStartTimes().forEach(times::add);
      return new QueryCase(this, -1, Map.of(), expected.wardListRows(), times);
    }

    @Override
    Outcome check(QueryCase run, AqlResult result) {
      return ResultChecks.wardList(run, result, 2);
    }
  },
  Q7(
      "aggregate: COUNT/AVG/MIN/MAX of systolic since a date",
      QueryTexts.Q7_SYSTOLIC_SINCE,
      "since: 1 January of a random year 2015-2024") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      List<JsonNode> aggregates = expected.systolicSince();
      JsonNode aggregate = aggregates.get(random.nextInt(aggregates.size()));
      return new QueryCase(
          this,
          -1,
          Map.of("since", aggregate.path("since").asText()),
          aggregate.path("count").asLong(),
          aggregate);
    }

    @Override
    Outcome check(QueryCase run, AqlResult result) {
      return ResultChecks.aggregate(run, result);
    }
  },
  Q9(
      "EHR by subject: GET /ehr?subject_id=..&subject_namespace=..",
      null,
      "subject_id: a random corpus subject") {
    @Override
    QueryCase draw(SplittableRandom random, Expectations expected) {
      return new QueryCase(this, random.nextInt(expected.ehrs()), Map.of(), 1, null);
    }
  };

  private final String title;
  private final String aql;
  private final String parameterDescription;

  QueryClass(String title, String aql, String parameterDescription) {
    this.title = title;
    this.aql = aql;
    this.parameterDescription = parameterDescription;
  }

  String title() {
    return title;
  }

  /** The AQL text, or null for Q9. */
  String aql() {
    return aql;
  }

  String parameterDescription() {
    return parameterDescription;
  }

  /** Whether the AQL has {@code $ehr_id}: the corpus EHR must be resolved to its id first. */
  boolean needsEhrId() {
    return this == Q1 || this == Q2;
  }

  /** One run with parameters drawn from {@code random}, and its expected answer. */
  abstract QueryCase draw(SplittableRandom random, Expectations expected);

  /** Checks an AQL result; by default a single count cell against the expected hits. */
  Outcome check(QueryCase run, AqlResult result) {
    return ResultChecks.count(run, result);
  }

  private static QueryCase population(
      QueryClass queryClass, Map<String, Object> parameters, long expectedHits) {
    return new QueryCase(queryClass, -1, parameters, expectedHits, null);
  }

  private static JsonNode text(String value) {
    return value == null ? NullNode.getInstance() : TextNode.valueOf(value);
  }
}
