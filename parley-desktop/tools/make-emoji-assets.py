#!/usr/bin/env python3
"""Makes the desktop app's emoji assets (run by hand when the emoji set is updated; the output is committed).

Inputs, unpacked from the npm registry with `npm pack`:
  emoji-datasource-twitter@16.0.0  -> its package/ directory: emoji.json and img/twitter/64/*.png
                                      (Twemoji v16.0.1 graphics, CC-BY 4.0, by Twitter, Inc. and contributors)
  twemoji@14.0.2                   -> package/LICENSE-GRAPHICS (the CC-BY 4.0 text)
  @expo-google-fonts/noto-emoji@0.4.7 -> package/400Regular/NotoEmoji_400Regular.ttf and package/LICENSE_FONT (OFL)
Needs ImageMagick (mogrify) and pngquant.

Outputs, under src/main/resources/dev/parley/desktop/emoji/:
  twemoji/<code points>.png  each image scaled to 36x36 and quantised to 64 colours (about 3 MB in all)
  emoji.tsv                  one emoji a line: image name, picker category ('' for skin-tone variants), name
  NotoEmoji-Regular.ttf, LICENSE-twemoji-graphics.txt (CC-BY 4.0), LICENSE-noto-emoji.txt (OFL 1.1)

usage: make-emoji-assets.py DATASOURCE_PACKAGE TWEMOJI_PACKAGE EXPO_NOTO_PACKAGE
"""
import json, os, shutil, subprocess, sys

CATEGORIES = ["Smileys & Emotion", "People & Body", "Animals & Nature", "Food & Drink", "Travel & Places",
              "Activities", "Objects", "Symbols", "Flags"]

def main(datasource, twemoji, expo):
    out = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "dev", "parley", "desktop", "emoji")
    images = os.path.join(out, "twemoji")
    shutil.rmtree(images, ignore_errors=True)
    os.makedirs(images)
    emoji = sorted(json.load(open(os.path.join(datasource, "emoji.json"))), key=lambda e: e["sort_order"])
    lines = []
    for e in emoji:
        if not e["has_img_twitter"]:
            continue
        category = e["category"] if e["category"] in CATEGORIES else ""
        lines.append((e["image"][:-4], category, e["name"].lower() or e["short_name"]))
        for variant in (e.get("skin_variations") or {}).values():
            if variant["has_img_twitter"]:
                lines.append((variant["image"][:-4], "", ""))
    for name, _, _ in lines:
        shutil.copy(os.path.join(datasource, "img", "twitter", "64", name + ".png"), images)
    subprocess.run("mogrify -resize 36x36 -strip *.png", shell=True, cwd=images, check=True)
    # pngquant exits 98 when it keeps an image as it is (the quantised one would be larger): not an error
    quantised = subprocess.run("pngquant --force --ext .png --skip-if-larger --strip 64 *.png", shell=True, cwd=images)
    if quantised.returncode not in (0, 98):
        sys.exit("pngquant failed")
    with open(os.path.join(out, "emoji.tsv"), "w", encoding="utf-8") as tsv:
        tsv.write("# image\tcategory\tname  (Twemoji 16.0.1 by Twitter, Inc. and contributors, CC-BY 4.0; "
                  "data from emoji-datasource 16.0.0, MIT)\n")
        for name, category, title in lines:
            tsv.write(f"{name}\t{category}\t{title}\n")
    shutil.copy(os.path.join(twemoji, "LICENSE-GRAPHICS"), os.path.join(out, "LICENSE-twemoji-graphics.txt"))
    shutil.copy(os.path.join(expo, "400Regular", "NotoEmoji_400Regular.ttf"), os.path.join(out, "NotoEmoji-Regular.ttf"))
    shutil.copy(os.path.join(expo, "LICENSE_FONT"), os.path.join(out, "LICENSE-noto-emoji.txt"))
    print(len(lines), "images")

if __name__ == "__main__":
    main(*sys.argv[1:4])
