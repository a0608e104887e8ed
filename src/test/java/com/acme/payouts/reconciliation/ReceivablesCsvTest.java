package com.acme.payouts.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivablesCsvTest {

    /** DIGEST §4.4: the spec's header (a space after each comma) and its two example rows, the DE one with 28 fields. */
    private static final String SPEC_EXAMPLE = """
            Transaction ID, Batch Id, DateTime, BSB, AccountNumber, AccountName, PayId, PayId Name, TransactionCode, \
            TransactionType, Amount, LodgementRef, RemitterName, Indicator, WithholdingTaxAmount, EndToEndId, \
            RespondBeforeDateTime, NameOfUserSupplyingFile, NumberOfUserSupplyingFile, DescriptionOfEntriesOnFile, SourceBsb, \
            SourceAccountNumber, SourceAccountName, CategoryPurposeCode, CreditorReferenceInformation, USINumber, USIScheme, \
            UltimateCreditorName, ReconciliationRuleReference\r
            D00100544414,000000214309,2020-04-20T13:58:48,802-985,744019924,CRMT,,,50,DE,5.00,Ref1,MONOOVA,,0.00,,,M PAYMENTS PTY LIMIT,483449,PAYMNT TRSFR,012-366,123456789,,,,,,RR22348\r
            N00400000507,,2020-04-20T13:55:50,802-985,123456789,Ashwini Radcliffe,4op1q4@monoova.me,Test01,,NPP,201.00,This description,Twhite Pharma,,0.00,NOTPROVIDED,,,,,123-123,12026204,Twhite Pharma,,,,,,RR22349\r
            """;

    @Test
    void reads_the_spec_example_including_its_28_field_row() {
        List<ReceivablesCsv.Row> rows = ReceivablesCsv.parse(SPEC_EXAMPLE);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isEqualTo(new ReceivablesCsv.Row("D00100544414", "000000214309", "DE", new java.math.BigDecimal("5.00"),
                Instant.parse("2020-04-20T03:58:48Z")));
        assertThat(rows.get(1).transactionId()).isEqualTo("N00400000507");
        assertThat(rows.get(1).batchId()).isNull();
        assertThat(rows.get(1).type()).isEqualTo("NPP");
        assertThat(rows.get(1).amount()).isEqualByComparingTo("201.00");
    }

    @Test
    void quoted_fields_may_hold_commas_quotes_and_line_breaks() {
        String csv = "Transaction ID,Batch Id,DateTime,BSB,AccountNumber,AccountName,PayId,PayId Name,TransactionCode,"
                + "TransactionType,Amount,LodgementRef\n"
                + "N1,,2020-04-20T13:55:50,802-985,1,\"Smith, \"\"Jo\"\"\n Jr\",,,,NPP,\"1,000.00\",x\n";
        assertThat(ReceivablesCsv.records(csv).get(1).get(5)).isEqualTo("Smith, \"Jo\"\n Jr");
        assertThat(ReceivablesCsv.parse(csv.replace("\"1,000.00\"", "1000.00")).get(0).amount()).isEqualByComparingTo("1000.00");
    }

    @Test
    void an_empty_report_has_no_rows() {
        assertThat(ReceivablesCsv.parse("")).isEmpty();
        assertThat(ReceivablesCsv.parse("Transaction ID, Batch Id, DateTime\r\n")).isEmpty();
    }
}
