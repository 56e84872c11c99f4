package io.synod.peg.application.jobs;

import java.util.HexFormat;
import java.util.Objects;

import org.bitcoinj.script.Script;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.peg.application.pegout.GroupCoins;

/**
 * One member's view for group jobs: its own Bitcoin node and the group's coins there, its own sidechain node, and
 * the schedule (the same at every member).
 *
 * @param confirmations Bitcoin blocks on top of the attested or relayed block
 * @param reservePeriod an attestation is due at every height that is a multiple of this
 * @param maxHeaders headers per relay (the contract takes up to 100)
 */
public record GroupJobsView(BitcoinRpcClient bitcoin, GroupCoins coins, Script groupScript,
        GroupJobsSidechain sidechain, int confirmations, int reservePeriod, int maxHeaders) {

    public GroupJobsView {
        Objects.requireNonNull(bitcoin, "bitcoin");
        Objects.requireNonNull(coins, "coins");
        Objects.requireNonNull(groupScript, "groupScript");
        Objects.requireNonNull(sidechain, "sidechain");
        if (confirmations < 1 || reservePeriod < 1 || maxHeaders < 1 || maxHeaders > 100) {
            throw new IllegalArgumentException("confirmations and period >= 1, 1..100 headers per relay");
        }
    }

    /** The highest Bitcoin height with the required confirmations on this member's node. */
    public long finalHeight() {
        return bitcoin.getBlockCount().value() - confirmations + 1;
    }

    public byte[] blockHash(long height) {
        return HexFormat.of().parseHex(bitcoin.getBlockHash(BlockHeight.of(height)).hex());
    }

    public byte[] header(long height) {
        BlockHash h = bitcoin.getBlockHash(BlockHeight.of(height));
        return HexFormat.of().parseHex(bitcoin.call("getblockheader", h.hex(), false).asText());
    }
}
