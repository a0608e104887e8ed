package com.acme.payouts.sandbox;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /tools/v1/bsbValidate/{bsbNumber}} ({@code DTO.ToolsBsbValidateResponse_V1}) answered from a small
 * embedded table, so payee registration can be exercised without Monoova.
 *
 * <p>Where the spec speaks the answer follows it: the envelope plus {@code bsb}, {@code closed}, {@code address},
 * {@code city}, {@code state}, {@code postCode} and {@code bankCode}; a closed branch has {@code closed: true} and
 * its {@code address} "MAY contain a reference to a replacement BSB number". Where it is silent these are the
 * simulator's own choices (docs/sandbox.md): an unknown BSB is HTTP 400 with status {@code InvalidBsbNumber}, a
 * malformed one HTTP 400 with {@code InvalidBsbFormat}, and BSB {@code 000-500} answers HTTP 500 so a client's
 * "BSB check unavailable" path can be driven. The table's branches are test fixtures, not real branch data.
 */
final class BsbEndpoints {

    /** The BSB that makes the sandbox fail the lookup with HTTP 500 (simulator convention). */
    static final String UNAVAILABLE_BSB = "000-500";

    private static final Pattern FORMAT = Pattern.compile("[0-9]{3}-[0-9]{3}");

    record Branch(boolean closed, String address, String city, String state, String postCode, String bankCode) {}

    private static final Map<String, Branch> BRANCHES = Map.ofEntries(
            Map.entry("012-433", new Branch(false, "Shop 1-047 Henry St", "Penrith", "NSW", "2750", "ANZ")),
            Map.entry("012-366", new Branch(false, "1 Sandbox Way", "Sydney", "NSW", "2000", "ANZ")),
            Map.entry("032-000", new Branch(false, "2 Sandbox Way", "Sydney", "NSW", "2000", "WBC")),
            Map.entry("033-000", new Branch(false, "3 Sandbox Way", "Melbourne", "VIC", "3000", "WBC")),
            Map.entry("062-000", new Branch(false, "4 Sandbox Way", "Sydney", "NSW", "2000", "CBA")),
            Map.entry("082-001", new Branch(false, "5 Sandbox Way", "Melbourne", "VIC", "3000", "NAB")),
            Map.entry("083-004", new Branch(false, "6 Sandbox Way", "Melbourne", "VIC", "3000", "NAB")),
            Map.entry("083-170", new Branch(false, "7 Sandbox Way", "Melbourne", "VIC", "3000", "NAB")),
            Map.entry("802-985", new Branch(false, "8 Sandbox Way", "Sydney", "NSW", "2000", "CUS")),
            // Closed, naming its replacement in the address as the spec allows.
            Map.entry("062-999", new Branch(true, "Branch closed - now BSB 062-000", "Sydney", "NSW", "2000", "CBA")),
            // Closed, without a replacement.
            Map.entry("033-999", new Branch(true, "Branch closed", "Melbourne", "VIC", "3000", "WBC")));

    ApiResponse validate(ApiRequest request) {
        String bsb = request.pathParameter(0);
        if (UNAVAILABLE_BSB.equals(bsb)) {
            return ApiResponse.Json.error(500, "InternalServerError", "Simulated BSB directory outage.");
        }
        if (bsb == null || !FORMAT.matcher(bsb).matches()) {
            throw ApiException.badRequest("InvalidBsbFormat", "bsbNumber must be in the format 999-999.");
        }
        Branch branch = BRANCHES.get(bsb);
        if (branch == null) {
            throw ApiException.badRequest("InvalidBsbNumber", "bsbNumber is not a known BSB.");
        }
        return ApiResponse.Json.ok()
                .with("bsb", bsb)
                .with("closed", branch.closed())
                .with("address", branch.address())
                .with("city", branch.city())
                .with("state", branch.state())
                .with("postCode", branch.postCode())
                .with("bankCode", branch.bankCode());
    }
}
