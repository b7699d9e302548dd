package org.voxgate.lab.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The E-model against the values ITU-T G.107 (06/2015) publishes: R = 93.2 with every parameter
 * at its Table 3 default (section 7.2: "Ro - Is = 93.2"), and the R-to-MOS points of Annex B
 * (Table B.1, two decimals, so within 0.01).
 */
class EModelTest {

    @Test
    void defaultsGiveTheRatingOfG107() {
        EModel m = EModel.defaults();
        assertThat(m.ro()).isCloseTo(94.77, within(0.01));
        assertThat(m.is()).isCloseTo(1.41, within(0.01));
        assertThat(m.r()).isCloseTo(93.2, within(0.05));
        assertThat(m.mos()).isCloseTo(4.41, within(0.005));
    }

    @Test
    void mosOfRFollowsAnnexB() {
        assertThat(EModel.mosOf(90)).isCloseTo(4.34, within(0.01));
        assertThat(EModel.mosOf(80)).isCloseTo(4.03, within(0.01));
        assertThat(EModel.mosOf(70)).isCloseTo(3.60, within(0.01));
        assertThat(EModel.mosOf(60)).isCloseTo(3.10, within(0.01));
        assertThat(EModel.mosOf(50)).isCloseTo(2.58, within(0.01));
        assertThat(EModel.mosOf(-3)).isEqualTo(1.0);
        assertThat(EModel.mosOf(0)).isEqualTo(1.0);
        assertThat(EModel.mosOf(5)).isEqualTo(1.0); // the cubic gives 0.992 here: held at the scale's bottom
        assertThat(EModel.mosOf(10)).isCloseTo(1 + 0.35 + 10 * -50 * 90 * 7e-6, within(1e-12));
        assertThat(EModel.mosOf(100)).isCloseTo(4.5, within(1e-9));
        assertThat(EModel.mosOf(120)).isEqualTo(4.5);
    }

    @Test
    void packetLossFollowsFormula3_30WithTheG113BplOfG711() {
        // Ie,eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl)
        assertThat(EModel.voip(0, 0, EModel.G711_BPL_PLC, 0, 1).ieEff()).isZero();
        assertThat(EModel.voip(0, 0, EModel.G711_BPL_PLC, 2, 1).ieEff()).isCloseTo(95 * 2 / 27.1, within(1e-9));
        assertThat(EModel.voip(0, 0, EModel.G711_BPL_NO_PLC, 2, 1).ieEff()).isCloseTo(95 * 2 / 6.3, within(1e-9));
        // bursts hurt more than random loss of the same rate
        double random = EModel.voip(0, 0, EModel.G711_BPL_PLC, 5, 1).r();
        double bursty = EModel.voip(0, 0, EModel.G711_BPL_PLC, 5, 2).r();
        assertThat(bursty).isLessThan(random);
        // concealment helps: the same loss costs less with Bpl 25.1 than with 4.3
        assertThat(EModel.voip(0, 0, EModel.G711_BPL_PLC, 5, 1).mos())
                .isGreaterThan(EModel.voip(0, 0, EModel.G711_BPL_NO_PLC, 5, 1).mos());
    }

    @Test
    void delayCostsNothingBelow100MsAbsoluteAndThenGrows() {
        double r0 = EModel.voip(0, 0, 4.3, 0, 1).r();
        double r50 = EModel.voip(50, 0, 4.3, 0, 1).r();
        double r150 = EModel.voip(150, 0, 4.3, 0, 1).r();
        double r300 = EModel.voip(300, 0, 4.3, 0, 1).r();
        assertThat(r50).isCloseTo(r0, within(2.0)); // Idd = 0 at Ta <= 100 ms; talker echo (TELR 65) costs 1.5
        assertThat(r150).isLessThan(r50);
        assertThat(r300).isLessThan(r150 - 5);
        // G.107 figure: at Ta = 400 ms, Idd alone is about 25 * ((1+2^6)^(1/6) - 3 (1+(2/3)^6)^(1/6) + 2)
        double x = 2;
        double idd400 = 25 * (Math.pow(1 + Math.pow(x, 6), 1.0 / 6) - 3 * Math.pow(1 + Math.pow(x / 3, 6), 1.0 / 6) + 2);
        EModel noEcho = new EModel(8, 2, 15, 18, 3, 3, 65, 110, 0, 0, 400, 1, 0, 4.3, 0, 1, -70, -64, 35, 35, 0);
        assertThat(EModel.defaults().id() + idd400).isCloseTo(noEcho.id(), within(1e-9));
    }

    @Test
    void burstRatioIsOneForIsolatedLossesAndTheRunLengthRatioOtherwise() {
        boolean[] isolated = new boolean[100];
        isolated[10] = isolated[50] = true;
        assertThat(EModel.burstRatio(isolated)).isCloseTo(0.98, within(1e-9));
        boolean[] runs = new boolean[100];
        for (int i = 0; i < 4; i++) {
            runs[20 + i] = runs[60 + i] = true; // 8 lost in two runs of 4: 4 * (1 - 0.08)
        }
        assertThat(EModel.burstRatio(runs)).isCloseTo(3.68, within(1e-9));
        assertThat(EModel.burstRatio(new boolean[10])).isEqualTo(1.0);
    }

    @Test
    void rejectsImpossibleInputs() {
        assertThatThrownBy(() -> EModel.voip(0, 0, 4.3, 101, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EModel.voip(-1, 0, 4.3, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
