package studio.train.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import studio.engine.api.InvalidRequestException;

/**
 * The emoji artwork sets the default model is trained on. The id is also the style word of the caption
 * ("red apple, noto style"), so it must stay one lowercase word.
 *
 * <p>Why these three: each is a different drawing style of the same Unicode emoji, all are permissively
 * licensed for a model we ship (no share-alike), and all are cheap to rasterise on a 2-core CPU: Noto
 * and Twemoji come as ready 64 px PNGs; Fluent's flat style is plain filled paths that JSVG renders
 * exactly. Left out: OpenMoji (CC BY-SA 4.0, whose share-alike would reach the trained weights) and
 * Fluent's "modern" colour style (blur filters and gradients on every shape, ~7x the bytes of flat).
 * The versions are pinned so a rebuild gives the same pictures.
 */
public enum EmojiSet {
    NOTO("noto", new NpmPackage("emoji-datasource-google", "16.0.0"), "Apache-2.0",
            "Noto Emoji, Copyright Google LLC, Apache License 2.0"),
    TWEMOJI("twemoji", new NpmPackage("emoji-datasource-twitter", "16.0.0"), "CC-BY-4.0",
            "Twemoji, Copyright 2019 Twitter, Inc and other contributors, graphics licensed under CC-BY 4.0"),
    FLUENT("fluent", new NpmPackage("fluentui-emoji", "1.3.0"), "MIT",
            "Fluent Emoji (flat), Copyright (c) Microsoft Corporation, MIT License");

    private final String id;
    private final NpmPackage npmPackage;
    private final String licence;
    private final String attribution;

    EmojiSet(String id, NpmPackage npmPackage, String licence, String attribution) {
        this.id = id;
        this.npmPackage = npmPackage;
        this.licence = licence;
        this.attribution = attribution;
    }

    /** The set's name on the command line and its style word in captions. */
    public String id() {
        return id;
    }

    /** The npm package that ships the artwork, at the pinned version. */
    public NpmPackage npmPackage() {
        return npmPackage;
    }

    /** SPDX id of the artwork's licence (not of the package's code). */
    public String licence() {
        return licence;
    }

    /** The one-line credit the licence asks for; the full texts are in assets/licences. */
    public String attribution() {
        return attribution;
    }

    public static EmojiSet byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (EmojiSet set : values()) {
            if (set.id.equals(wanted)) {
                return set;
            }
        }
        throw new InvalidRequestException("unknown emoji set '" + id + "': choose from " + ids());
    }

    /** Parses a comma-separated list such as "noto,twemoji", keeping order and dropping repeats. */
    public static List<EmojiSet> parseList(String commaSeparated) {
        List<EmojiSet> sets = Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(EmojiSet::byId)
                .distinct()
                .toList();
        if (sets.isEmpty()) {
            throw new InvalidRequestException("no emoji set given: choose one or more of " + ids());
        }
        return sets;
    }

    private static String ids() {
        return Arrays.stream(values()).map(EmojiSet::id).collect(Collectors.joining(", "));
    }
}
