// The demo MP4 is bundled as a wrangler Data module (root wrangler.toml: [[rules]] type = "Data", globs = ["**/*.mp4"]).
declare module '*.mp4' {
  const bytes: ArrayBuffer;
  export default bytes;
}
