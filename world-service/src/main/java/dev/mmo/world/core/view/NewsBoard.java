package dev.mmo.world.core.view;

import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.core.MoveEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The news of one tick, gathered per cell; reused tick after tick so that a quiet tick allocates nothing. */
final class NewsBoard {

    static final class Draft {
        final List<Long> despawned = new ArrayList<>();
        final List<Long> left = new ArrayList<>();
        final List<ActorSnapshot> entered = new ArrayList<>();
        final List<MoveEntry> moves = new ArrayList<>();
        boolean touched;
    }

    private final Draft[] drafts;
    private int[] touched = new int[64];
    private int touchedCount;

    NewsBoard(int cellCount) {
        drafts = new Draft[cellCount];
    }

    Draft at(int cell) {
        Draft draft = drafts[cell];
        if (draft == null) {
            draft = new Draft();
            drafts[cell] = draft;
        }
        if (!draft.touched) {
            draft.touched = true;
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = cell;
        }
        return draft;
    }

    /** The news of every cell that has someone in it to hear it, in the order cells were first touched; resets. */
    List<CellNews> drain(CellIndex standing) {
        if (touchedCount == 0) {
            return List.of();
        }
        List<CellNews> news = new ArrayList<>(touchedCount);
        for (int i = 0; i < touchedCount; i++) {
            int cell = touched[i];
            Draft draft = drafts[cell];
            if (standing.count(cell) > 0) {
                news.add(new CellNews(cell, draft.despawned, draft.left, draft.entered, draft.moves));
            }
            draft.despawned.clear();
            draft.left.clear();
            draft.entered.clear();
            draft.moves.clear();
            draft.touched = false;
        }
        touchedCount = 0;
        return news;
    }
}
