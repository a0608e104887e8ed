package com.acme.payouts.payee;

/**
 * The published check-digit algorithms for Australian Business Numbers (ATO) and Australian Company Numbers (ASIC).
 * A typo in a business PayID would otherwise only surface as an NPP rejection after the payout was accepted.
 */
public final class BusinessNumbers {

    private static final int[] ABN_WEIGHTS = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
    private static final int[] ACN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1};

    private BusinessNumbers() {}

    /**
     * True for 11 ASCII digits that pass the ABN checksum: subtract 1 from the first digit, weight the digits
     * 10, 1, 3, ... 19, and the sum must be divisible by 89. A leading 0 is refused: an ABN's two check digits run
     * from 10 to 99.
     */
    public static boolean isValidAbn(String digits) {
        if (!isDigits(digits, ABN_WEIGHTS.length) || digits.charAt(0) == '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < ABN_WEIGHTS.length; i++) {
            int digit = digits.charAt(i) - '0';
            sum += (i == 0 ? digit - 1 : digit) * ABN_WEIGHTS[i];
        }
        return sum % 89 == 0;
    }

    /**
     * True for 9 ASCII digits whose last digit is the ACN check digit: weight the first eight 8, 7, ... 1, and the
     * check digit is {@code (10 - sum % 10) % 10}.
     */
    public static boolean isValidAcn(String digits) {
        if (!isDigits(digits, ACN_WEIGHTS.length + 1)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < ACN_WEIGHTS.length; i++) {
            sum += (digits.charAt(i) - '0') * ACN_WEIGHTS[i];
        }
        int check = (10 - sum % 10) % 10;
        return check == digits.charAt(ACN_WEIGHTS.length) - '0';
    }

    private static boolean isDigits(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
