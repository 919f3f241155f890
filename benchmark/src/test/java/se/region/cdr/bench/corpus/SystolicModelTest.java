package se.region.cdr.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The calibration keeps the marginal at N(128, 18) and puts ever ≥ 140 at 60 % for each scale. */
class SystolicModelTest {

  @ParameterizedTest
  @ValueSource(ints = {8, 20, 40})
  void calibratedForTheReadingsPerEhr(int readings) {
    SystolicModel model = SystolicModel.forReadings(readings);
    double between = 0.25 * 0.75 * 20 * 20;
    double total =
        between + model.baselineSd() * model.baselineSd() + model.readingSd() * model.readingSd();
    assertEquals(18 * 18, total, 1e-6);
    assertEquals(0.60, SystolicModel.everAtLeast(140, readings, model.baselineSd()), 1e-4);
    double ever180 = SystolicModel.everAtLeast(180, readings, model.baselineSd());
    assertTrue(ever180 > 0.015 && ever180 < 0.025, "ever >= 180: " + ever180);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-3, -1, 0, 0.5, 2})
  void normalCdfIsAccurate(double z) {
    double[] expected = {0.0013498980, 0.1586552539, 0.5, 0.6914624613, 0.9772498681};
    int index = z == -3 ? 0 : z == -1 ? 1 : z == 0 ? 2 : z == 0.5 ? 3 : 4;
    assertEquals(expected[index], SystolicModel.normalCdf(z), 1e-7);
  }
}
