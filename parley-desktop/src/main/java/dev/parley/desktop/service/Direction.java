package dev.parley.desktop.service;

/** Whether a message was sent by the signed-in user or to them. */
public enum Direction {
    /** From the peer to the signed-in user. */
    INCOMING,
    /** From the signed-in user (on this device or another) to the peer. */
    OUTGOING
}
