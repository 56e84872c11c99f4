package io.synod.hsm.ra;

import jakarta.resource.spi.ManagedConnectionMetaData;

/** Describes the EIS (the token) to the container's management views. */
record HsmConnectionMetaData(String tokenLabel) implements ManagedConnectionMetaData {

    @Override
    public String getEISProductName() {
        return "PKCS#11 token " + tokenLabel;
    }

    @Override
    public String getEISProductVersion() {
        return "PKCS#11";
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public String getUserName() {
        return "CKU_USER";
    }
}
