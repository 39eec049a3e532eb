// Whether an element is on screen or close to it: photos are fetched only then. Once near, it
// stays "near" so a fetched photo is not dropped by scrolling away.
import { useEffect, useRef, useState } from 'react';

/** Photos this far below the fold are fetched already, so scrolling down finds them loaded. */
const PRELOAD_MARGIN = '1200px 0px';

export function useNearViewport<T extends Element>() {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');

  useEffect(() => {
    const element = ref.current;
    if (near || element === null) return;

    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: PRELOAD_MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);

  return { ref, near };
}
