package dev.sluice.clickhouse;

import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ServerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureClassifierTest {

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({
            "252, RETRIABLE", "159, RETRIABLE", "210, RETRIABLE", "209, RETRIABLE", "202, RETRIABLE", "319, RETRIABLE",
            "60, BAD_CONFIG", "16, BAD_CONFIG", "81, BAD_CONFIG", "516, BAD_CONFIG", "193, BAD_CONFIG",
            "27, BAD_DATA", "41, BAD_DATA", "72, BAD_DATA", "349, BAD_DATA", "117, BAD_DATA",
            "62, BUG", "46, BUG", "123456, BUG"})
    void serverErrorsByCode(int code, FailureKind kind) {
        FailureClassifier.Failure failure = FailureClassifier.classify(new ExecutionException(new ServerException(code, "Code: " + code + ". boom", 500)));
        assertEquals(kind, failure.kind());
        assertEquals(code, failure.serverCode());
    }

    @Test
    void unknownJsonFieldMeansTheTableIsBehindTheConfig() {
        FailureClassifier.Failure failure = FailureClassifier.classify(new ServerException(117,
                "Code: 117, e.displayText() = DB::Exception: Unknown field found while parsing JSONEachRow format: amount_max", 500));
        assertEquals(FailureKind.BAD_CONFIG, failure.kind());
    }

    @Test
    void codeIsReadFromTheTextWhenTheClientDidNotParseIt() {
        FailureClassifier.Failure failure = FailureClassifier.classify(new ClientException("Code: 241. DB::Exception: Memory limit exceeded"));
        assertEquals(FailureKind.RETRIABLE, failure.kind());
        assertEquals(241, failure.serverCode());
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"503, RETRIABLE", "502, RETRIABLE", "504, RETRIABLE", "500, RETRIABLE", "401, BAD_CONFIG", "403, BAD_CONFIG", "400, BUG"})
    void httpErrorsWithoutAClickHouseCode(int status, FailureKind kind) {
        assertEquals(kind, FailureClassifier.classify(new ServerException(0, "<html>gateway</html>", status)).kind());
    }

    @Test
    void networkFailuresAreRetriable() {
        assertEquals(FailureKind.RETRIABLE, FailureClassifier.classify(new CompletionException(new ClientException("failed", new ConnectException("Connection refused")))).kind());
        assertEquals(FailureKind.RETRIABLE, FailureClassifier.classify(new SocketTimeoutException("Read timed out")).kind());
        assertEquals(FailureKind.RETRIABLE, FailureClassifier.classify(new ClientException("x", new SocketException("Connection reset"))).kind());
        assertEquals(FailureKind.RETRIABLE, FailureClassifier.classify(new java.util.concurrent.TimeoutException()).kind());
        assertEquals(FailureKind.RETRIABLE, FailureClassifier.classify(new IOException("stream closed")).kind());
    }

    @Test
    void tlsProblemsAreConfig() {
        assertEquals(FailureKind.BAD_CONFIG, FailureClassifier.classify(new ClientException("x", new javax.net.ssl.SSLHandshakeException("PKIX path building failed"))).kind());
    }

    @Test
    void anythingElseIsABug() {
        assertEquals(FailureKind.BUG, FailureClassifier.classify(new NullPointerException("x")).kind());
    }
}
