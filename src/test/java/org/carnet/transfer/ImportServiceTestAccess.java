package org.carnet.transfer;

/** Lets tests of other packages import the shared sample export. */
public final class ImportServiceTestAccess {

    private ImportServiceTestAccess() {
    }

    public static ExportFile sample() {
        return ImportServiceTestData.SAMPLE;
    }
}
