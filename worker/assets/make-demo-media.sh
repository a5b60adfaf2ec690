#!/usr/bin/env bash
# Makes worker/assets/demo/: the units the simulator assembles its demo videos from (simulator/media/assemble.ts),
# made once with Debian's ffmpeg 5.1. Per frame size, a fragmented MP4 (H.264, yuv420p, no audio):
#   v1-WxH.mp4  25 fps, one 25-frame fragment (1 s); repeated 6 or 10 times
#   h3-WxH.mp4  24 fps, a 5-frame head fragment and a 17-frame body fragment; H3 clips are 5 + 17n frames
# and audio.mp4: one fragment of stereo 32 kHz AAC (a chime, a different note per channel), repeated under H3 video;
# 1.024 s of input makes 33 whole AAC frames (1024 priming samples included), so every sample lasts 1024 ticks.
# After adding or removing a file, list it in worker/src/simulator/media/bundled-units.ts (a test checks).
set -euo pipefail
out="$(dirname "$0")/demo"
mkdir -p "$out"
rm -f "$out"/*.mp4
font=/usr/share/fonts/truetype/dejavu
frag=(-movflags +frag_keyframe+empty_moov+default_base_moof -map_metadata -1 -fflags +bitexact -flags:v +bitexact)

video() { # name width height fps frames keyframes period offset label   (a bar crosses the frame once per body)
  local name=$1 w=$2 h=$3 fps=$4 frames=$5 keys=$6 period=$7 offset=$8 label=$9 size=$(( $3 < $2 ? $3 : $2 ))
  ffmpeg -v error -y -f lavfi -i "color=c=0x1e3a8a:size=${w}x${h}:rate=${fps}" -frames:v "$frames" \
    -vf "drawtext=fontfile=$font/DejaVuSans-Bold.ttf:text='Hailuo Studio':fontcolor=white:fontsize=$((size / 9)):x=(w-text_w)/2:y=(h/2)-text_h-$((size / 40)),\
drawtext=fontfile=$font/DejaVuSans.ttf:text='demo video · $label':fontcolor=white@0.85:fontsize=$((size / 22)):x=(w-text_w)/2:y=(h/2)+$((size / 40)),\
drawbox=x='mod(floor(t*$fps+0.5)+$offset,$period)*(iw-ih/12)/($period-1)':y=ih-ih/8:w=ih/12:h=ih/48:color=white@0.9:t=fill" \
    -c:v libx264 -profile:v high -preset veryslow -crf 32 -pix_fmt yuv420p -bf 0 -x264-params keyint=1000:min-keyint=1000:scenecut=0 \
    -force_key_frames "expr:$keys" -an "${frag[@]}" "$out/$name-${w}x${h}.mp4"
}

for size in 1920x1080 1366x768 1280x720 912x512; do
  video v1 "${size%x*}" "${size#*x}" 25 25 'eq(n,0)' 25 0 "${size/x/×} · 25 fps · MiniMax-Hailuo"
done
for size in 2560x1080 2560x1440 2048x1536 2048x2048 1536x2048 1440x2560 \
  1536x640 1344x768 1024x768 768x768 768x1024 768x1344 \
  1120x480 848x480 640x480 480x480 480x640 480x848; do
  video h3 "${size%x*}" "${size#*x}" 24 22 'eq(n,0)+eq(n,5)' 17 12 "${size/x/×} · 24 fps · stereo · MiniMax-H3"
done

ffmpeg -v error -y -f lavfi -i "aevalsrc='0.3*sin(2*PI*523.25*t)*exp(-5*t)|0.3*sin(2*PI*783.99*t)*exp(-5*t)':s=32000:d=1.024" \
  -c:a aac -b:a 40k -ac 2 -ar 32000 -movflags +empty_moov+default_base_moof+frag_custom -map_metadata -1 -fflags +bitexact \
  "$out/audio.mp4"
