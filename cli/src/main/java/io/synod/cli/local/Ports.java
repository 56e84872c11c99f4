package io.synod.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers. */
public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isListening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A WildFly port offset such that the HTTP (8080) and management (9990) ports are both free. */
    public static int freeWildFlyOffset(int preferred) {
        for (int offset = preferred; offset < preferred + 2000; offset += 7) {
            if (isFree(8080 + offset) && isFree(9990 + offset) && isFree(8443 + offset) && isFree(9993 + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free WildFly port offset near " + preferred);
    }
}
