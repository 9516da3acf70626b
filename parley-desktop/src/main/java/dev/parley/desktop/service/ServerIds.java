package dev.parley.desktop.service;

/** Server message ids: decimal strings that grow in commit order (see the protocol), compared as numbers. */
final class ServerIds {
    private ServerIds() {
    }

    /** Orders two server ids by commit order; ids that are not decimal numbers compare as text. */
    static int compare(String a, String b) {
        if (isDecimal(a) && isDecimal(b)) {
            String x = stripZeros(a);
            String y = stripZeros(b);
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        return a.compareTo(b);
    }

    private static boolean isDecimal(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
