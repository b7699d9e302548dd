package org.voxgate.bridge.internal.codec;

/** Constant tables of ITU-T G.722 (64 kbit/s mode), named as in the recommendation. */
final class G722Tables {
    private G722Tables() {}

    /** QMF coefficients h0..h23 (table 11), scaled by 2^13; symmetric. */
    static final int[] QMF = {
        3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
        3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3,
    };

    /** Lower band 6-bit quantizer decision levels Q6 (table 6), index 1..29 used. */
    static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650,
        714, 786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
    };
    /** Codes for a negative difference by quantizer interval (ILN). */
    static final int[] ILN = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
    };
    /** Codes for a positive difference by quantizer interval (ILP). */
    static final int[] ILP = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
    };
    /** 4-bit inverse quantizer output levels QM4 (table 7), used by the predictor. */
    static final int[] QM4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    };
    /** 6-bit inverse quantizer output levels QM6 (table 7), the 64 kbit/s reconstruction. */
    static final int[] QM6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    };
    /** RIL to IL4 (RL42). */
    static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    /** Log scale steps of the lower band by IL4 (WL, table 8). */
    static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    /** Higher band 2-bit inverse quantizer QM2 (table 9). */
    static final int[] QM2 = {-7408, -1616, 7408, 1616};
    /** IH to IH2 (RH2). */
    static final int[] RH2 = {2, 1, 2, 1};
    /** Log scale steps of the higher band by IH2 (WH, table 10). */
    static final int[] WH = {0, -214, 798};
    /** Higher band codes: negative (IHN) and positive (IHP) by interval 1..2. */
    static final int[] IHN = {0, 1, 0};
    static final int[] IHP = {0, 3, 2};

    static final int LOW_MAX_LOG = 18432;
    static final int HIGH_MAX_LOG = 22528;
    static final int LOW_SHIFT_REF = 8;
    static final int HIGH_SHIFT_REF = 10;
    /** Initial linear scale factors DETL and DETH. */
    static final int LOW_INITIAL_SCALE = 32;
    static final int HIGH_INITIAL_SCALE = 8;
}
