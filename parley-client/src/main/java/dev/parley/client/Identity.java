package dev.parley.client;

/** Who is logged in, for REST calls: the user and their current token. */
record Identity(String user, String token) {
    @Override
    public String toString() { // never print a token
        return "Identity[user=" + user + ", token=***]";
    }
}
