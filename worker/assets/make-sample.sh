#!/usr/bin/env bash
# How worker/assets/sample.mp4 (the demo video the simulator serves) was made, once, with Debian's ffmpeg.
set -euo pipefail
font=/usr/share/fonts/truetype/dejavu
ffmpeg -v error -y -f lavfi \
  -i "gradients=size=1280x720:rate=25:duration=4:speed=0.02:c0=0x1e3a8a:c1=0x7c3aed:c2=0xf97316:nb_colors=3" \
  -vf "drawtext=fontfile=$font/DejaVuSans-Bold.ttf:text='Hailuo Studio':fontcolor=white:fontsize=72:x=(w-text_w)/2:y=(h-text_h)/2-30,\
drawtext=fontfile=$font/DejaVuSans.ttf:text='demo video · made by the simulator':fontcolor=white@0.85:fontsize=32:x=(w-text_w)/2:y=(h/2)+50,\
drawbox=x='(t/4)*(w-40)':y=h-40:w=40:h=12:color=white@0.9:t=fill" \
  -c:v libx264 -profile:v main -preset veryslow -crf 30 -pix_fmt yuv420p -movflags +faststart \
  "$(dirname "$0")/sample.mp4"
