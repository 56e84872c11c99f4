package io.synod.hsm.pkcs11;

import org.xipki.pkcs11.wrapper.StaticLogger;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes ipkcs11wrapper's own log (which otherwise prints every C_OpenSession to stdout) to java.util.logging, one
 * level down: its info is our debug. The wrapper logs no PIN and no key values.
 */
final class WrapperLogging implements org.xipki.pkcs11.wrapper.Logger {
    private static final Logger LOG = Logger.getLogger("org.xipki.pkcs11");
    private static volatile boolean installed;

    static void install() {
        if (!installed) {
            StaticLogger.setLogger(new WrapperLogging());
            installed = true;
        }
    }

    private static void log(Level level, String format, Object... args) {
        if (LOG.isLoggable(level)) {
            String msg = format;
            for (Object a : args) {
                msg = msg.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(a)));
            }
            LOG.log(level, msg);
        }
    }

    @Override
    public void info(String format, Object... args) {
        log(Level.FINE, format, args);
    }

    @Override
    public void warn(String format, Object... args) {
        log(Level.WARNING, format, args);
    }

    @Override
    public void error(String format, Object... args) {
        log(Level.SEVERE, format, args);
    }

    @Override
    public void debug(String format, Object... args) {
        log(Level.FINER, format, args);
    }

    @Override
    public void trace(String format, Object... args) {
        log(Level.FINEST, format, args);
    }

    @Override
    public boolean isDebugEnabled() {
        return LOG.isLoggable(Level.FINER);
    }

    @Override
    public boolean isInfoEnabled() {
        return LOG.isLoggable(Level.FINE);
    }

    @Override
    public boolean isWarnEnabled() {
        return LOG.isLoggable(Level.WARNING);
    }

    @Override
    public boolean isTraceEnabled() {
        return LOG.isLoggable(Level.FINEST);
    }
}
