// The first-paint floor: the least a single-page app does before its first paint. Its HTML, then a module script
// and a stylesheet (one more round trip, as the studio's entry and CSS), and the script puts one heading on the page.
import './floor.css';

const heading = document.createElement('h1');
heading.textContent = 'Hailuo Studio';
document.body.append(heading);
