package org.creditgate.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket, for what a well-behaved client library will not do: dribble headers, hold
 * a chunked body open, send bytes that are not HTTP.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One chunk of a chunked body. */
    RawHttp chunk(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return send(Integer.toHexString(bytes.length) + "\r\n").send(bytes).send("\r\n");
    }

    /** Everything the server sends until it closes the connection or {@code timeoutMs} passes. */
    String readAll(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            // what arrived so far is the answer
        } catch (IOException reset) {
            // a reset after the answer: what arrived is still the answer
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** The status code of the first answer on the connection (read until its head is complete). */
    int readStatus(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 12 && head.indexOf("\r\n") > 0) {
                break;
            }
        }
        String line = head.toString();
        if (!line.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP answer: '" + line + "'");
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    /** True when the server has closed the connection (a read sees the end of the stream or a reset). */
    boolean closedByServer(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            byte[] buffer = new byte[4096];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
