package dev.sluice.config;

/** Where a config value was written: file (as given to the loader, relative to the repository), line and column (1-based). */
public record SourceLocation(String file, int line, int column) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
